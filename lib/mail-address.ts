import iconv from "iconv-lite";

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

// Moved to ticket-references.ts with the other number finders; re-exported so imports keep working.
export { ticketNumberFromSubject } from "./ticket-references";

/** The subject of a reply: `[Ticket#N]` once, then the title. */
export function replySubject(ticketNumber: number, title: string): string {
  const clean = title.replace(/\[\s*Ticket#\s*\d+\s*\]\s*/gi, "").replace(/^((re|aw|fwd?|wg)\s*:\s*)+/i, "");
  return `[Ticket#${ticketNumber}] ${clean}`.trim();
}

// ---- Header blocks -------------------------------------------------------------------------
// Raw header text is handled as a "binary string", one char per byte. Server-side only: the
// charsets beyond the WHATWG ones come from iconv-lite, which needs Buffer.

function bytesOf(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i) & 0xff;
  return out;
}

// Node 20's TextDecoder decodes the windows-1252 family (and its WHATWG aliases latin1,
// iso-8859-1, us-ascii) as plain ISO-8859-1, so € „ “ – come out as C1 control characters.
// Map 0x80-0x9F ourselves.
const cp1252High = "\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f" +
  "\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178";

/** iconv-lite codecs that are transfer encodings, not charsets: never a mail's text. */
const notCharsets = new Set(["base64", "hex"].map((name) => iconv.getCodec(name)));

/** iconv-lite's decoder for a charset it knows (UTF-7, DOS and Mac code pages, …), or null. */
function iconvCharset(name: string): string | null {
  try {
    return notCharsets.has(iconv.getCodec(name)) ? null : name;
  } catch {
    return null;
  }
}

/**
 * Bytes in the given charset as text; null when the charset is unknown. Invalid bytes become
 * U+FFFD. The WHATWG charsets first (TextDecoder), then every other charset iconv-lite knows,
 * UTF-7 included: mailparser refuses UTF-7 because it can smuggle markup into HTML, but what we
 * decode here (subjects, names) is plain text that is escaped wherever it is shown.
 */
export function decodeText(bytes: Uint8Array, charset: string): string | null {
  // RFC 2231 allows a language suffix: `utf-8*de`.
  const name = charset.split("*")[0].trim();
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(name);
  } catch {
    const known = iconvCharset(name);
    return known ? iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), known) : null;
  }
  const text = decoder.decode(bytes);
  return decoder.encoding === "windows-1252" ? text.replace(/[\x80-\x9f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80]) : text;
}

/**
 * Raw 8-bit header bytes (a binary string) as text: UTF-8 when they are valid UTF-8 (what
 * modern mailers send unencoded), else Windows-1252 (what old ones send).
 */
export function decodeHeaderBytes(binary: string): string {
  if (!/[\x80-\xff]/.test(binary)) return binary;
  const bytes = bytesOf(binary);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeText(bytes, "windows-1252")!;
  }
}

const encodedWord = /=\?([^?\s]+)\?([bq])\?([^?\s]*)\?=/gi;

function wordBytes(encoding: string, text: string): Uint8Array {
  if (encoding.toLowerCase() === "b") {
    // Lenient: ignore stray characters and missing padding instead of giving up on the word.
    let b64 = text.replace(/[^A-Za-z0-9+/]/g, "");
    if (b64.length % 4 === 1) b64 = b64.slice(0, -1);
    return bytesOf(atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, "=")));
  }
  const binary = text.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return bytesOf(binary);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

/**
 * Decodes RFC 2047 encoded words. Adjacent words in the same charset are joined before
 * decoding, because mailers split multi-byte characters across words; the whitespace
 * between encoded words is dropped as the RFC says. Unknown charsets stay as written.
 */
export function decodeMimeWords(value: string): string {
  return mapMimeWordRuns(value, (text) => text);
}

/**
 * The encoded words of a header value rewritten as UTF-8 ones, decoded with `decodeText`: for
 * a parser that knows fewer charsets (mailparser's address parser and UTF-7). They stay
 * encoded words, so a decoded display name can never be read as an address.
 */
export function mimeWordsAsUtf8(value: string): string {
  return mapMimeWordRuns(value, (text) => `=?utf-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`);
}

/** The encoded-word runs of `value` decoded, each put back through `render`. */
function mapMimeWordRuns(value: string, render: (text: string) => string): string {
  if (!value.includes("=?")) return value;
  let out = "";
  let last = 0;
  // The current run of adjacent encoded words in one charset.
  let run: { charset: string; chunks: Uint8Array[]; raw: string } | null = null;
  for (const m of value.matchAll(encodedWord)) {
    const between = value.slice(last, m.index);
    const charset = m[1].toLowerCase();
    const adjacent = run !== null && /^\s*$/.test(between);
    if (run && adjacent && run.charset === charset) {
      run.chunks.push(wordBytes(m[2], m[3]));
      run.raw += between + m[0];
    } else {
      const decoded = run ? decodeText(concat(run.chunks), run.charset) : "";
      out += decoded === null ? run!.raw : decoded && render(decoded);
      // An undecodable word stays as written, so keep the space that separates it.
      if (!adjacent || decoded === null || decodeText(new Uint8Array(0), charset) === null) out += between;
      run = { charset, chunks: [wordBytes(m[2], m[3])], raw: m[0] };
    }
    last = m.index + m[0].length;
  }
  const decoded = run && decodeText(concat(run.chunks), run.charset);
  if (run) out += decoded === null ? run.raw : decoded && render(decoded);
  return out + value.slice(last);
}

/**
 * Splits a header block (a binary string, up to the first empty line) into `[name, value]`
 * pairs in order: folded lines unfolded and raw 8-bit bytes decoded, encoded words kept (for
 * address headers, where a decoded display name could contain a comma or quote). Lines that
 * are not `Name: value` (garbage before or inside the block) are skipped.
 */
export function parseRawHeaderBlock(block: string): [string, string][] {
  const headers: [string, string][] = [];
  let current: { name: string; value: string } | null = null;
  const push = () => {
    if (current) headers.push([current.name, decodeHeaderBytes(current.value).trim()]);
    current = null;
  };
  for (const line of block.split(/\r?\n/)) {
    if (line === "") break;
    if (/^[ \t]/.test(line)) {
      if (current) current.value += line.replace(/^[ \t]+/, " ");
      continue;
    }
    push();
    const m = /^([!-9;-~]+)[ \t]*:(.*)$/.exec(line);
    if (m) current = { name: m[1], value: m[2] };
  }
  push();
  return headers;
}

/** Like `parseRawHeaderBlock`, with encoded words decoded: what a person would read. */
export function parseHeaderBlock(block: string): [string, string][] {
  return parseRawHeaderBlock(block).map(([name, value]) => [name, decodeMimeWords(value)]);
}

/** The first value of a header, by case-insensitive name, or null. */
export function headerValue(headers: readonly (readonly [string, string])[], name: string): string | null {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1] ?? null;
}
