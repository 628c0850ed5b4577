import { readdirSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { bigAttachmentMail } from "../../../worker/fixtures/generate";
import { MailParseError, parseMail } from "./parse-mail";
import { PARSE_TIMEOUT_MS, closeParsePool, parseMailIsolated } from "./parse-pool";

const fixtures = new URL("../../../worker/fixtures/mails/", import.meta.url);
const MB = 1024 * 1024;

afterAll(() => closeParsePool());

describe("parseMailIsolated", () => {
  it("returns what parseMail returns, Buffers and Dates included", async () => {
    for (const name of readdirSync(fixtures).filter((n) => n.endsWith(".eml") && n !== "not-a-mail.eml")) {
      const raw = readFileSync(new URL(name, fixtures));
      const [isolated, direct] = await Promise.all([parseMailIsolated(raw), parseMail(raw)]);
      expect(isolated, name).toEqual(direct);
      for (const a of isolated.attachments) expect(Buffer.isBuffer(a.content), name).toBe(true);
      if (direct.date) expect(isolated.date).toBeInstanceOf(Date);
    }
  }, 60_000);

  it("passes MailParseError through and leaves the caller's buffer intact", async () => {
    const raw = readFileSync(new URL("not-a-mail.eml", fixtures));
    const copy = Buffer.from(raw);
    await expect(parseMailIsolated(raw)).rejects.toThrow(MailParseError);
    await expect(parseMailIsolated(raw)).rejects.toThrow(/no mail headers/);
    expect(raw.equals(copy)).toBe(true);
  });

  it("refuses a 30 MB mail over a 25 MB cap with the size reason", async () => {
    const big = bigAttachmentMail(30 * MB);
    expect(big.length).toBe(30 * MB);
    const refusal = parseMailIsolated(big, { maxBytes: 25 * MB });
    await expect(refusal).rejects.toThrow(MailParseError);
    await expect(refusal).rejects.toThrow(`message is ${30 * MB} bytes (30 MB), over the ${25 * MB}-byte limit (25 MB)`);
  });

  it("parses a 30 MB mail under a 40 MB cap well within the time cap", async () => {
    const big = bigAttachmentMail(30 * MB);
    const started = performance.now();
    const mail = await parseMailIsolated(big, { maxBytes: 40 * MB });
    const ms = performance.now() - started;
    console.log(`parseMailIsolated: 30 MB mail parsed in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(PARSE_TIMEOUT_MS);
    expect(mail.text).toBe("Anbei das komplette Protokoll.");
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: "protokoll.pdf", contentType: "application/pdf" });
    expect(mail.attachments[0].size).toBeGreaterThan(21 * MB); // base64 lines: 57 bytes per 78
    expect(Buffer.isBuffer(mail.attachments[0].content)).toBe(true);
  }, 60_000);

  it("gives up after the time cap, replaces the thread, and keeps working", async () => {
    const big = bigAttachmentMail(30 * MB);
    const slow = parseMailIsolated(big, { maxBytes: 40 * MB, timeoutMs: 1 });
    await expect(slow).rejects.toThrow(MailParseError);
    await expect(slow).rejects.toThrow("parsing took longer than 0.001 s");
    const small = readFileSync(new URL("iso-8859-1.eml", fixtures));
    const after = await Promise.all([parseMailIsolated(small), parseMailIsolated(small), parseMailIsolated(small)]);
    for (const m of after) expect(m.subject).toBe("Rücksendung: Größe passt nicht (Ärmel zu kurz)");
  }, 60_000);

  it("starts again after closeParsePool", async () => {
    await closeParsePool();
    const m = await parseMailIsolated(readFileSync(new URL("mailing-list.eml", fixtures)));
    expect(m.automatic).toBe("Precedence: list");
  }, 30_000);
});
