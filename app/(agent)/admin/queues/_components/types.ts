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
