/** Message-IDs are stored without angle brackets and compared lower-case on the id part. */
export function normalizeMessageId(id: string | null | undefined): string | null {
  if (!id) return null;
  const trimmed = id.trim().replace(/^<+|>+$/g, "").trim();
  return trimmed.length > 0 ? trimmed : null;
}

/** Splits a References header value into ids, without brackets. */
export function parseReferences(value: string | string[] | null | undefined): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(" ") : value;
  const ids = text.match(/<[^<>\s]+>/g) ?? text.split(/\s+/);
  return ids.map((v) => normalizeMessageId(v)).filter((v): v is string => v !== null);
}

const ticketTag = /\[\s*Ticket#\s*(\d{1,12})\s*\]/i;

/** The ticket number from a subject carrying `[Ticket#N]`, or null. */
export function ticketNumberFromSubject(subject: string | null | undefined): number | null {
  const m = subject ? ticketTag.exec(subject) : null;
  return m ? Number(m[1]) : null;
}

/** The subject of a reply: `[Ticket#N]` once, then the title. */
export function replySubject(ticketNumber: number, title: string): string {
  const clean = title.replace(/\[\s*Ticket#\s*\d+\s*\]\s*/gi, "").replace(/^((re|aw|fwd?|wg)\s*:\s*)+/i, "");
  return `[Ticket#${ticketNumber}] ${clean}`.trim();
}
