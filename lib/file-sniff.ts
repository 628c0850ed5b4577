/**
 * What a file is, judged by its first bytes (magic numbers), and whether that fits its name.
 * An upload is allowed only when its extension names an allowed type AND its content looks
 * like that type: a renamed program ("invoice.pdf.exe" → "invoice.pdf") is refused.
 */
export type SniffedKind = "pdf" | "png" | "jpeg" | "gif" | "webp" | "bmp" | "tiff" | "zip" | "ole" | "gzip" | "7z" | "rar" | "text";

interface FileTypeInfo {
  extensions: readonly string[];
  /** The content these files have; office formats are zip (OOXML, ODF) or OLE containers. */
  kind: SniffedKind;
  /** Stored and served as this type, whatever the browser claimed. */
  mime: string;
}

export const fileTypes = {
  pdf: { extensions: ["pdf"], kind: "pdf", mime: "application/pdf" },
  png: { extensions: ["png"], kind: "png", mime: "image/png" },
  jpeg: { extensions: ["jpg", "jpeg"], kind: "jpeg", mime: "image/jpeg" },
  gif: { extensions: ["gif"], kind: "gif", mime: "image/gif" },
  webp: { extensions: ["webp"], kind: "webp", mime: "image/webp" },
  bmp: { extensions: ["bmp"], kind: "bmp", mime: "image/bmp" },
  tiff: { extensions: ["tif", "tiff"], kind: "tiff", mime: "image/tiff" },
  docx: { extensions: ["docx"], kind: "zip", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  xlsx: { extensions: ["xlsx"], kind: "zip", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  pptx: { extensions: ["pptx"], kind: "zip", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
  odt: { extensions: ["odt"], kind: "zip", mime: "application/vnd.oasis.opendocument.text" },
  ods: { extensions: ["ods"], kind: "zip", mime: "application/vnd.oasis.opendocument.spreadsheet" },
  doc: { extensions: ["doc"], kind: "ole", mime: "application/msword" },
  xls: { extensions: ["xls"], kind: "ole", mime: "application/vnd.ms-excel" },
  msg: { extensions: ["msg"], kind: "ole", mime: "application/vnd.ms-outlook" },
  zip: { extensions: ["zip"], kind: "zip", mime: "application/zip" },
  gz: { extensions: ["gz", "tgz"], kind: "gzip", mime: "application/gzip" },
  "7z": { extensions: ["7z"], kind: "7z", mime: "application/x-7z-compressed" },
  rar: { extensions: ["rar"], kind: "rar", mime: "application/vnd.rar" },
  txt: { extensions: ["txt", "log"], kind: "text", mime: "text/plain" },
  csv: { extensions: ["csv"], kind: "text", mime: "text/csv" },
  eml: { extensions: ["eml"], kind: "text", mime: "message/rfc822" },
  json: { extensions: ["json"], kind: "text", mime: "application/json" },
  xml: { extensions: ["xml"], kind: "text", mime: "application/xml" },
} as const satisfies Record<string, FileTypeInfo>;

export type FileTypeId = keyof typeof fileTypes;
export const fileTypeIds = Object.keys(fileTypes) as FileTypeId[];

const startsWith = (buf: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => buf[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The kind of content by its first bytes; "text" for anything without NUL bytes; null: unknown binary. */
export function sniffKind(buf: Uint8Array): SniffedKind | null {
  if (startsWith(buf, ascii("%PDF-"))) return "pdf";
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(buf, ascii("GIF87a")) || startsWith(buf, ascii("GIF89a"))) return "gif";
  if (startsWith(buf, ascii("RIFF")) && startsWith(buf, ascii("WEBP"), 8)) return "webp";
  if (startsWith(buf, ascii("BM")) && buf.length > 14) return "bmp";
  if (startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a])) return "tiff";
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buf, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole";
  if (startsWith(buf, [0x1f, 0x8b])) return "gzip";
  if (startsWith(buf, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return "7z";
  if (startsWith(buf, ascii("Rar!\x1a\x07"))) return "rar";
  // Text: no NUL byte in the first 8 KB (UTF-16 text is not accepted as text).
  const head = buf.subarray(0, 8192);
  return head.length > 0 && !head.includes(0) ? "text" : null;
}

const extensionOf = (filename: string) => {
  const dot = filename.lastIndexOf(".");
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : "";
};

/** The type a file name claims, by its extension. */
export function fileTypeOfName(filename: string): FileTypeId | null {
  const ext = extensionOf(filename);
  return fileTypeIds.find((id) => (fileTypes[id].extensions as readonly string[]).includes(ext)) ?? null;
}

export type FileCheck =
  | { ok: true; type: FileTypeId; mime: string }
  | { ok: false; reason: "notAllowed" | "mismatch"; extension: string };

/** Whether a file may be uploaded: its extension is allowed and its content is what the extension says. */
export function checkFile(filename: string, content: Uint8Array, allowed: readonly FileTypeId[]): FileCheck {
  const type = fileTypeOfName(filename);
  const extension = extensionOf(filename);
  if (!type || !allowed.includes(type)) return { ok: false, reason: "notAllowed", extension };
  if (sniffKind(content) !== fileTypes[type].kind) return { ok: false, reason: "mismatch", extension };
  return { ok: true, type, mime: fileTypes[type].mime };
}
