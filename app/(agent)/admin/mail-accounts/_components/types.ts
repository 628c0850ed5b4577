import type { RouterInputs, RouterOutputs } from "@/app/_lib/api-types";

export type MailAccountView = RouterOutputs["mailAccount"]["list"][number];
export type MailAccountState = MailAccountView["state"];
export type MailEncryption = MailAccountView["imapEncryption"];
export type AfterImport = MailAccountView["afterImport"];
export type MailAccountSaveInput = RouterInputs["mailAccount"]["create"];
export type FetchTestResult = RouterOutputs["mailAccount"]["testFetch"];
export type SendTestResult = RouterOutputs["mailAccount"]["testSend"];
export type QueueWithStatuses = RouterOutputs["ticket"]["queues"][number];

export const encryptions = ["ssl", "starttls", "none"] as const satisfies readonly MailEncryption[];
export const afterImportActions = ["mark_seen", "move", "delete"] as const satisfies readonly AfterImport[];
export const MB = 1024 * 1024;
