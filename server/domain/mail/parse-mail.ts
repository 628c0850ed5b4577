import { createHash } from "node:crypto";
import { parseAddressHeader, simpleParser, type Attachment, type SimpleParserOptions } from "mailparser";
import {
  decodeText, headerValue, mimeWordsAsUtf8, normalizeMessageId, parseHeaderBlock, parseRawHeaderBlock, parseReferences,
} from "../../../lib/mail-address";
import { referenceNumbersIn, ticketNumbersIn } from "../../../lib/ticket-references";
import { automaticMailReason, deliveryReport, type DeliveryReport } from "./classify";
import { sanitizeMailHtml } from "./sanitize-html";

export const MAX_MAIL_BYTES = 25 * 1024 * 1024;
/** mailparser refuses larger header blocks too; past this we stop looking for the blank line. */
const MAX_HEAD_BYTES = 1024 * 1024;

export interface ParsedAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  contentId: string | null;
  /** Shown inside the body by the sender: `Content-Disposition: inline` or referenced as `cid:`. */
  inline: boolean;
  content: Buffer;
}

export type BounceInfo = DeliveryReport;

export interface ParsedMail {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: { address: string; name: string | null } | null;
  to: string[];
  cc: string[];
  /** Where the sender wants replies to go (Reply-To); empty when the header is absent. */
  replyTo: string[];
  subject: string;
  date: Date | null;
  text: string;
  html: string | null;
  /** Every top-level header line in order, unfolded and decoded (for "header:<Name>" rules). */
  headers: [string, string][];
  /** Null when absent, "" for `Return-Path: <>`. */
  returnPath: string | null;
  /** Why this mail is automatic (never autorespond), or null when a person sent it. */
  automatic: string | null;
  /** `Auto-Submitted` other than `no`; kept for older callers, `automatic` is broader. */
  autoSubmitted: boolean;
  /** Set for multipart/report delivery-status notifications. */
  bounce: BounceInfo | null;
  /** Ticket number candidates, most confident first (subject, then body). */
  ticketNumbers: number[];
  customerNumber: string | null;
  orderNumber: string | null;
  invoiceNumber: string | null;
  attachments: ParsedAttachment[];
}

export interface ParseMailOptions {
  /** Larger mails are refused with MailParseError; default MAX_MAIL_BYTES (25 MB). */
  maxBytes?: number;
}

/** Raised when a mail cannot be turned into something a person could read. */
export class MailParseError extends Error {
  override name = "MailParseError";
}

export function sha256(buf: Buffer): string {
  return createHash("sha256").update(buf).digest("hex");
}

function humanSize(n: number): string {
  return n >= 1024 * 1024 ? `${Number((n / 1024 / 1024).toFixed(1))} MB` : `${Number((n / 1024).toFixed(1))} KB`;
}

/** The refusal for an oversize mail, shown to admins in quarantine. */
export function tooLargeReason(size: number, maxBytes: number): string {
  return `message is ${size} bytes (${humanSize(size)}), over the ${maxBytes}-byte limit (${humanSize(maxBytes)})`;
}

// At least one of these must head the data, or it is not a mail (random bytes, a PDF, ...).
const mailHeaderNames = new Set([
  "from", "sender", "to", "cc", "bcc", "subject", "date", "message-id", "in-reply-to", "references",
  "received", "return-path", "delivered-to", "reply-to", "mime-version", "content-type",
]);

const parserOptions: SimpleParserOptions = {
  skipImageLinks: true, // keep cid: links; the UI points them at the stored attachments
  skipTextToHtml: true,
  ignoreEmbedded: true, // attached mails stay .eml attachments instead of being flattened into the body
  keepDeliveryStatus: true, // a DSN's status part comes out as an attachment we can read
  checksumAlgo: false, // we hash with sha256 ourselves; md5 on every attachment is wasted time
};

/** Header block as a binary string and the body bytes, split at the first empty line. */
function splitHead(raw: Buffer): { head: string; body: Buffer } {
  const window = raw.subarray(0, MAX_HEAD_BYTES + 4);
  const crlf = window.indexOf("\r\n\r\n");
  const lf = window.indexOf("\n\n");
  const [at, gap] = crlf !== -1 && (lf === -1 || crlf < lf) ? [crlf, 4] : lf !== -1 ? [lf, 2] : [-1, 0];
  if (at === -1) return { head: window.toString("latin1"), body: Buffer.alloc(0) };
  return { head: raw.subarray(0, at).toString("latin1"), body: raw.subarray(at + gap) };
}

const utf7Word = /=\?(?:unicode-1-1-)?utf-?7\?[bq]\?/i;

/**
 * mailparser refuses UTF-7 (in a body it can smuggle markup past filters), so UTF-7 encoded
 * words in a part's headers, such as attachment names from old Outlook, would stay raw. In the
 * header blocks only, those lines get their encoded words rewritten as UTF-8 ones first: the
 * same text, in a charset mailparser reads. Bodies are left alone.
 */
function withUtf7WordsAsUtf8(raw: Buffer): Buffer {
  const text = raw.toString("latin1");
  if (!utf7Word.test(text)) return raw;
  const delimiters = new Set([...text.matchAll(/boundary\s*=\s*"?([^";\r\n]+)"?/gi)].map((m) => `--${m[1].trim()}`));
  let inHead = true;
  const lines = text.split(/(?<=\n)/).map((line) => {
    const bare = line.replace(/\r?\n$/, "");
    if (inHead && bare === "") inHead = false;
    else if (!inHead && delimiters.has(bare.trimEnd())) inHead = true;
    else if (inHead && utf7Word.test(bare)) return mimeWordsAsUtf8(bare) + line.slice(bare.length);
    return line;
  });
  return Buffer.from(lines.join(""), "latin1");
}

/** Body bytes of unknown charset as text: UTF-8 if valid, else Windows-1252. */
function bestEffortText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = decodeText(bytes, "windows-1252")!;
  }
  return text.replace(/\r\n?/g, "\n").trim();
}

type Mailbox = { address: string; name: string | null };

/** Encoded words go in as UTF-8 ones: mailparser leaves UTF-7 names (old Outlook) undecoded. */
function mailboxes(values: string[]): Mailbox[] {
  return parseAddressHeader(values.map(mimeWordsAsUtf8), { flatten: true })
    .value.filter((a) => a.address)
    .map((a) => ({ address: a.address!.trim(), name: a.name?.trim() || null }));
}

/** An address a reply could go to: one `@`, something on either side, no spaces or brackets. */
const usable = (m: Mailbox) => /^[^\s@<>,;]+@[^\s@<>,;]+$/.test(m.address);

/** The customer: From, or when it has no usable address, Reply-To, then Sender. */
function senderOf(rawValues: (name: string) => string[]): Mailbox | null {
  for (const header of ["from", "reply-to", "sender"]) {
    const found = mailboxes(rawValues(header)).find(usable);
    if (found) return found;
  }
  return null;
}

function firstMessageId(value: string | null): string | null {
  return parseReferences(value)[0] ?? null;
}

/** A subject as a file name: no path or reserved characters, no leading dots, not too long. */
function fileSafe(name: string): string {
  return name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, " ").replace(/\s+/g, " ").replace(/^[\s.]+|[\s.]+$/g, "").slice(0, 120);
}

const headOf = (content: Buffer) => content.subarray(0, 256 * 1024).toString("latin1");
const isMessage = (type: string) => type === "message/rfc822" || type === "message/global";
const isStatus = (type: string) => type === "message/delivery-status" || type === "message/global-delivery-status";
const isReturnedHeaders = (type: string) => type === "text/rfc822-headers" || type === "message/global-headers";

function attachmentName(a: Attachment): string {
  if (a.filename?.trim()) return a.filename.trim();
  const type = a.contentType.toLowerCase();
  if (isMessage(type)) {
    const subject = headerValue(parseHeaderBlock(headOf(a.content)), "Subject") ?? "";
    return `${fileSafe(subject) || "attached-message"}.eml`;
  }
  if (isStatus(type)) return "delivery-status.txt";
  if (isReturnedHeaders(type)) return "returned-headers.txt";
  return "attachment";
}

/** Content-IDs referenced as `cid:` in the HTML, lower-cased. */
function referencedCids(html: string | null): Set<string> {
  const cids = new Set<string>();
  for (const m of (html ?? "").matchAll(/\bcid:([^'"\s>)]+)/gi)) {
    let cid = m[1];
    try {
      cid = decodeURIComponent(cid);
    } catch {
      // keep as written
    }
    cids.add(cid.toLowerCase());
  }
  return cids;
}

function toAttachment(a: Attachment, cids: Set<string>): ParsedAttachment {
  const contentId = normalizeMessageId(a.contentId);
  return {
    filename: attachmentName(a),
    contentType: a.contentType,
    size: a.content.length,
    sha256: sha256(a.content),
    contentId,
    inline: a.contentDisposition === "inline" || (contentId !== null && cids.has(contentId.toLowerCase())),
    content: a.content,
  };
}

function bounceOf(contentType: string | null, attachments: ParsedAttachment[]): BounceInfo | null {
  if (!/^\s*multipart\/report\b/i.test(contentType ?? "")) return null;
  if (!/report-type\s*=\s*"?(global-)?delivery-status/i.test(contentType ?? "")) return null;
  const status = attachments.find((a) => isStatus(a.contentType.toLowerCase()));
  const original = attachments.find((a) => isMessage(a.contentType.toLowerCase()) || isReturnedHeaders(a.contentType.toLowerCase()));
  return deliveryReport(status ? headOf(status.content) : null, original ? headOf(original.content) : null);
}

/**
 * Parses a raw RFC 822 mail into what the help desk stores and decides on. Lenient: a mail
 * without From or Date, with a bad charset or broken MIME still comes out readable (the
 * raw body as text at worst). Throws MailParseError only for data that is not a mail at
 * all, or that is over the size limit.
 */
export async function parseMail(raw: Buffer, opts: ParseMailOptions = {}): Promise<ParsedMail> {
  const maxBytes = opts.maxBytes ?? MAX_MAIL_BYTES;
  if (raw.length === 0) throw new MailParseError("empty message");
  if (raw.length > maxBytes) throw new MailParseError(tooLargeReason(raw.length, maxBytes));

  const { head, body } = splitHead(raw);
  const rawHeaders = parseRawHeaderBlock(head);
  if (!rawHeaders.some(([name]) => mailHeaderNames.has(name.toLowerCase()))) {
    throw new MailParseError("no mail headers found (not an RFC 822 message)");
  }
  const headers = parseHeaderBlock(head);
  const rawValues = (name: string) => rawHeaders.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);

  // mailparser only for the body; when it gives up, the raw body is still better than nothing.
  let text = "";
  let html: string | null = null;
  let attachments: ParsedAttachment[] = [];
  try {
    const m = await simpleParser(withUtf7WordsAsUtf8(raw), parserOptions);
    const rawHtml = m.html || null;
    const cids = referencedCids(rawHtml);
    text = (m.text ?? "").trim();
    html = rawHtml ? sanitizeMailHtml(rawHtml) : null;
    attachments = m.attachments.map((a) => toAttachment(a, cids));
  } catch {
    text = bestEffortText(body);
  }
  if (!text && !html && attachments.length === 0) text = bestEffortText(body);

  const from = senderOf(rawValues);
  const subject = (headerValue(headers, "Subject") ?? "").trim();
  const dateValue = headerValue(headers, "Date");
  const date = dateValue ? new Date(dateValue) : null;
  const returnPathValue = headerValue(headers, "Return-Path");
  const returnPath = returnPathValue === null ? null : (/<([^<>]*)>/.exec(returnPathValue)?.[1] ?? returnPathValue).trim();
  const autoSubmittedValue = headerValue(headers, "Auto-Submitted");
  return {
    messageId: firstMessageId(headerValue(headers, "Message-ID")) ?? normalizeMessageId(headerValue(headers, "Message-ID")),
    inReplyTo: firstMessageId(headerValue(headers, "In-Reply-To")),
    references: parseReferences(headerValue(headers, "References")),
    from,
    to: mailboxes(rawValues("to")).map((a) => a.address),
    cc: mailboxes(rawValues("cc")).map((a) => a.address),
    replyTo: mailboxes(rawValues("reply-to")).map((a) => a.address),
    subject,
    date: date && !Number.isNaN(date.getTime()) ? date : null,
    text,
    html,
    headers,
    returnPath,
    automatic: automaticMailReason({ headers, returnPath, fromAddress: from?.address ?? null }),
    autoSubmitted: autoSubmittedValue !== null && autoSubmittedValue.split(";")[0].trim().toLowerCase() !== "no",
    bounce: bounceOf(headerValue(headers, "Content-Type"), attachments),
    ticketNumbers: ticketNumbersIn(subject, text),
    ...referenceNumbersIn(`${subject}\n${text}`),
    attachments,
  };
}
