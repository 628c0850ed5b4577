import { createHash } from "node:crypto";
import { simpleParser, type AddressObject } from "mailparser";
import { normalizeMessageId, parseReferences } from "../../../lib/mail-address";
import { sanitizeMailHtml } from "./sanitize-html";

export const MAX_MAIL_BYTES = 25 * 1024 * 1024;

export interface ParsedAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  contentId: string | null;
  content: Buffer;
}

export interface ParsedMail {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: { address: string; name: string | null } | null;
  to: string[];
  cc: string[];
  subject: string;
  date: Date | null;
  text: string;
  html: string | null;
  autoSubmitted: boolean;
  attachments: ParsedAttachment[];
}

/** Raised when a mail cannot be turned into something a person could read. */
export class MailParseError extends Error {}

function addresses(obj: AddressObject | AddressObject[] | undefined): { address: string; name: string | null }[] {
  const list = Array.isArray(obj) ? obj : obj ? [obj] : [];
  return list
    .flatMap((o) => o.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .filter((a) => a.address)
    .map((a) => ({ address: a.address!.trim(), name: a.name?.trim() || null }));
}

export function sha256(buf: Buffer): string {
  return createHash("sha256").update(buf).digest("hex");
}

export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  if (raw.length === 0) throw new MailParseError("empty message");
  if (raw.length > MAX_MAIL_BYTES) {
    throw new MailParseError(`message is ${raw.length} bytes, over the ${MAX_MAIL_BYTES}-byte limit`);
  }
  let m;
  try {
    m = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  } catch (err) {
    throw new MailParseError(`MIME could not be parsed: ${(err as Error).message}`);
  }
  const from = addresses(m.from)[0] ?? null;
  const text = (m.text ?? "").trim();
  const html = m.html ? sanitizeMailHtml(m.html) : null;
  const hasHeaders = m.headers.size > 0 && (from || m.subject || m.messageId || m.date);
  if (!hasHeaders) throw new MailParseError("no mail headers found (not an RFC 822 message)");
  const autoSubmittedHeader = String(m.headers.get("auto-submitted") ?? "no").toLowerCase();
  return {
    messageId: normalizeMessageId(m.messageId),
    inReplyTo: normalizeMessageId(typeof m.inReplyTo === "string" ? m.inReplyTo : null),
    references: parseReferences(m.references ?? null),
    from,
    to: addresses(m.to).map((a) => a.address),
    cc: addresses(m.cc).map((a) => a.address),
    subject: (m.subject ?? "").trim(),
    date: m.date ?? null,
    text,
    html,
    autoSubmitted: autoSubmittedHeader !== "no",
    attachments: m.attachments.map((a) => ({
      filename: a.filename ?? (a.contentType === "message/rfc822" ? "attached-message.eml" : "attachment"),
      contentType: a.contentType,
      size: a.size,
      sha256: sha256(a.content),
      contentId: normalizeMessageId(a.contentId),
      content: a.content,
    })),
  };
}
