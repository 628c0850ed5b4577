/**
 * Text from outside (a mail) as PostgreSQL will store it. `text` refuses NUL, and `jsonb`
 * refuses NUL and lone UTF-16 surrogates (which odd charsets such as UTF-7 or UTF-16 can
 * decode to); one such character would make the whole row, and the mail, unstorable.
 */

const unstorable = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string without NUL and lone surrogates; everything else is kept as it was. */
export function storableText(value: string): string {
  return value.replace(unstorable, "");
}

/**
 * Every string inside plain objects and arrays made storable, as a copy; Buffers, dates and
 * other class instances are kept as they are (bytes go to `bytea`, which takes anything).
 */
export function storable<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, storable(v)])) as T;
  }
  return value;
}

export const MAX_REASON_LENGTH = 2000;

/**
 * A reason shown to admins (quarantine, ingest status): storable, on one line, and short. A
 * driver's error repeats the refused values, so a reason can be as hostile and as long as the mail.
 */
export function storableReason(reason: string): string {
  const line = storableText(reason).replace(/[\p{Cc}\s]+/gu, " ").trim();
  // Cut again after slicing: the cut may split a surrogate pair.
  return line.length > MAX_REASON_LENGTH ? `${storableText(line.slice(0, MAX_REASON_LENGTH - 1))}…` : line;
}
