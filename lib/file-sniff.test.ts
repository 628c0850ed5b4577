import { describe, expect, it } from "vitest";
import { checkFile, fileTypeIds, fileTypeOfName, sniffKind } from "./file-sniff";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

describe("sniffKind", () => {
  it.each([
    ["pdf", bytes("%PDF-1.7\n", [0, 1, 2])],
    ["png", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ["jpeg", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
    ["gif", bytes("GIF89a", [1, 0])],
    ["webp", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 ")],
    ["zip", bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0])],
    ["ole", bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])],
    ["gzip", bytes([0x1f, 0x8b, 8, 0])],
    ["text", bytes("Grüße aus Köln\n")],
  ])("recognises %s", (kind, content) => {
    expect(sniffKind(content)).toBe(kind);
  });

  it("knows no kind for unknown binaries such as programs", () => {
    expect(sniffKind(bytes("MZ", [0x90, 0, 3, 0]))).toBeNull();
    expect(sniffKind(bytes([0x7f], "ELF", [2, 1, 1, 0]))).toBeNull();
    expect(sniffKind(new Uint8Array())).toBeNull();
  });
});

describe("checkFile", () => {
  const pdf = bytes("%PDF-1.4\n", [0, 0]);
  it("accepts a file whose content fits its allowed extension, with the canonical type", () => {
    expect(checkFile("Rechnung März.PDF", pdf, fileTypeIds)).toEqual({ ok: true, type: "pdf", mime: "application/pdf" });
    expect(checkFile("bericht.docx", bytes([0x50, 0x4b, 0x03, 0x04, 0]), fileTypeIds)).toMatchObject({ ok: true, type: "docx" });
    expect(checkFile("notes.txt", bytes("hello"), ["txt"])).toMatchObject({ ok: true, mime: "text/plain" });
  });

  it("refuses a program renamed to .pdf, and a PDF named .png", () => {
    expect(checkFile("invoice.pdf", bytes("MZ", [0x90, 0, 3, 0]), fileTypeIds)).toEqual({ ok: false, reason: "mismatch", extension: "pdf" });
    expect(checkFile("photo.png", pdf, fileTypeIds)).toMatchObject({ ok: false, reason: "mismatch" });
  });

  it("refuses types not on the list and names without a known extension", () => {
    expect(checkFile("setup.exe", bytes("MZ"), fileTypeIds)).toEqual({ ok: false, reason: "notAllowed", extension: "exe" });
    expect(checkFile("scan.pdf", pdf, ["png"])).toMatchObject({ ok: false, reason: "notAllowed" });
    expect(checkFile("README", bytes("text"), fileTypeIds)).toEqual({ ok: false, reason: "notAllowed", extension: "" });
  });

  it("maps names to types case-insensitively", () => {
    expect(fileTypeOfName("a.JPG")).toBe("jpeg");
    expect(fileTypeOfName(".pdf")).toBeNull();
  });
});
