import { headerValue, normalizeMessageId, parseHeaderBlock } from "../../../lib/mail-address";

type HeaderList = readonly (readonly [string, string])[];

export interface AutomaticMailInput {
  headers: HeaderList;
  /** `""` for `Return-Path: <>`, null when absent. */
  returnPath: string | null;
  fromAddress: string | null;
}

const robotMailboxes = new Set(["mailer-daemon", "postmaster"]);

function localPart(address: string | null | undefined): string {
  const text = address ?? "";
  const bare = (/<([^<>]*)>/.exec(text)?.[1] ?? text).trim();
  return bare.slice(0, Math.max(0, bare.lastIndexOf("@"))).toLowerCase();
}

/**
 * Why a mail was sent by a machine and must never get an autoresponse (RFC 3834 and the
 * de-facto headers of Exchange, list servers and vacation scripts), or null for a person.
 * The reason is for the admin's log, so it names the header that decided it.
 */
export function automaticMailReason({ headers, returnPath, fromAddress }: AutomaticMailInput): string | null {
  const autoSubmitted = headerValue(headers, "Auto-Submitted");
  if (autoSubmitted !== null) {
    const kind = autoSubmitted.split(";")[0].trim().toLowerCase();
    if (kind !== "no") return `Auto-Submitted: ${kind || "(empty)"}`;
  }
  const precedence = headerValue(headers, "Precedence")?.trim().toLowerCase();
  if (precedence && ["bulk", "junk", "list", "auto_reply"].includes(precedence)) return `Precedence: ${precedence}`;
  for (const name of ["List-Id", "X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"]) {
    if (headerValue(headers, name) !== null) return `${name} header present`;
  }
  if (returnPath === "") return "empty Return-Path (a bounce or other delivery notice)";
  for (const address of [fromAddress, headerValue(headers, "Sender"), returnPath]) {
    const local = localPart(address);
    if (robotMailboxes.has(local)) return `sent by ${local}`;
  }
  return null;
}

export interface DeliveryReport {
  originalMessageId: string | null;
  recipient: string | null;
  status: string | null;
  diagnostic: string | null;
}

/** "rfc822; a@b" → "a@b", "smtp; 550 ..." → "550 ...": the type prefix says nothing to an agent. */
function withoutType(value: string | null): string | null {
  if (value === null) return null;
  const stripped = value.replace(/^[\w-]+\s*;\s*/, "").trim();
  return stripped || null;
}

/**
 * Reads an RFC 3464 delivery status notification: `statusText` is the message/delivery-status
 * part (per-message fields, then one block per recipient), `originalHeaders` the returned
 * message or its headers. Reports the first failed recipient, else the first one listed.
 */
export function deliveryReport(statusText: string | null, originalHeaders: string | null): DeliveryReport {
  const blocks = (statusText ?? "")
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => parseHeaderBlock(block.replace(/^\s*\r?\n/, "")))
    .filter((fields) => headerValue(fields, "Final-Recipient") ?? headerValue(fields, "Original-Recipient"));
  const failed = blocks.find((f) => headerValue(f, "Action")?.toLowerCase().startsWith("failed")) ?? blocks[0] ?? [];
  const original = originalHeaders ? parseHeaderBlock(originalHeaders.replace(/^(\r?\n)+/, "")) : [];
  return {
    originalMessageId: normalizeMessageId(headerValue(original, "Message-ID")),
    recipient: withoutType(headerValue(failed, "Final-Recipient") ?? headerValue(failed, "Original-Recipient")),
    status: headerValue(failed, "Status")?.split(/\s/)[0] || null,
    diagnostic: withoutType(headerValue(failed, "Diagnostic-Code")),
  };
}
