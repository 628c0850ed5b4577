import type { RouterInputs, RouterOutputs } from "@/app/_lib/api-types";

export type QueueMailSettings = RouterOutputs["queue"]["mailSettings"][number];
export type QueueMailSettingsInput = RouterInputs["queue"]["updateMailSettings"];
export type Quoting = QueueMailSettings["quoting"];
export type MailAccountOption = RouterOutputs["mailAccount"]["list"][number];

export const quotingModes = ["none", "last", "last3", "all"] as const satisfies readonly Quoting[];

/** The notify text area's text as a list: one address per line, or separated by commas, semicolons or spaces. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

/** B1/B2: the queue and status configuration, as the admin page uses it. */
export type QueueConfig = RouterOutputs["queue"]["list"][number];
export type QueueConfigInput = RouterInputs["queue"]["create"];
export type StatusConfig = RouterOutputs["status"]["list"][number];
export type StatusCategory = StatusConfig["category"];
export type StatusGroupOption = RouterOutputs["statusGroup"]["list"][number];

export const statusCategories = ["new", "open", "pending", "solved", "closed"] as const satisfies readonly StatusCategory[];

export { localName } from "@/app/_lib/local-name";
