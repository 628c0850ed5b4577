import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { outbox, ticketEntries, uploads } from "../../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../../db/testing/test-deps";
import { addInternalComment, listEntries, replyToTicket } from "./entries";
import { createTicket } from "../tickets/tickets";
import { MAX_UPLOAD_BYTES } from "../../../lib/upload-limits";
import { cleanFilename, deleteStaleUploads, storeUpload } from "./uploads";

const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

const file = (name: string, text = "hello") => ({ filename: name, contentType: "text/plain", content: Buffer.from(text) });
const newTicket = async (agent: Awaited<ReturnType<typeof makeUser>>) =>
  createTicket(deps, agent, { title: "Files", queueId, customerEmail: "files@customer.test", body: "Start" });

describe("uploads", () => {
  it("cleans file names: no path, no control characters, never empty", () => {
    expect(cleanFilename("C:\\Users\\kim\\report.pdf")).toBe("report.pdf");
    expect(cleanFilename("../../etc/passwd")).toBe("passwd");
    expect(cleanFilename("a\u0000b\r\n.txt")).toBe("ab.txt");
    expect(cleanFilename("   ")).toBe("file");
  });

  it("refuses empty and oversized files; the stored type is what the content is, not what was claimed", async () => {
    const agent = await makeUser(deps);
    await expect(storeUpload(deps.db, agent, file("e.txt", ""))).rejects.toThrow(/empty/);
    await expect(
      storeUpload(deps.db, agent, { filename: "big.txt", contentType: "text/plain", content: Buffer.alloc(MAX_UPLOAD_BYTES + 1, 65) }),
    ).rejects.toThrow(/larger than 25 MB/);
    const odd = await storeUpload(deps.db, agent, { filename: "x.txt", contentType: "text/html; charset=<script>", content: Buffer.from("x") });
    expect(odd.contentType).toBe("text/plain");
  });

  it("refuses types that are not allowed, and content that is not what the name says (D7)", async () => {
    const agent = await makeUser(deps);
    const exe = Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0]);
    await expect(storeUpload(deps.db, agent, { filename: "setup.exe", contentType: "application/octet-stream", content: exe })).rejects.toThrow(
      "Files of type .exe are not allowed",
    );
    await expect(storeUpload(deps.db, agent, { filename: "invoice.pdf", contentType: "application/pdf", content: exe })).rejects.toThrow(
      "The content of this file is not what its name says (.pdf)",
    );
    const pdf = await storeUpload(deps.db, agent, { filename: "invoice.pdf", contentType: "text/html", content: Buffer.from("%PDF-1.4\n") });
    expect(pdf.contentType).toBe("application/pdf");
  });

  it("files move onto the comment they were sent with, and show in the timeline", async () => {
    const agent = await makeUser(deps);
    const t = await newTicket(agent);
    const up = await storeUpload(deps.db, agent, file("notes.txt", "internal notes"));
    const { entryId } = await addInternalComment(deps, agent, { ticketId: t.id, body: "See file", uploadIds: [up.id] });
    expect(await deps.db.select().from(uploads).where(eq(uploads.id, up.id))).toEqual([]);
    const entry = (await listEntries(deps.db, agent, t.id)).find((e) => e.id === entryId)!;
    expect(entry.attachments).toMatchObject([{ filename: "notes.txt", contentType: "text/plain", size: 14 }]);
    expect(entry.attachments[0].url).toMatch(/^\/api\/attachments\/\d+$/);
  });

  it("someone else's upload fails the whole message: no entry, no mail, the file stays theirs", async () => {
    const [me, other] = [await makeUser(deps), await makeUser(deps)];
    const t = await newTicket(me);
    const theirs = await storeUpload(deps.db, other, file("secret.txt"));
    const before = await deps.db.select({ n: sql<number>`count(*)::int` }).from(ticketEntries).where(eq(ticketEntries.ticketId, t.id));
    await expect(replyToTicket(deps, me, { ticketId: t.id, body: "Take this", uploadIds: [theirs.id] })).rejects.toThrow(/attach it again/);
    const after = await deps.db.select({ n: sql<number>`count(*)::int` }).from(ticketEntries).where(eq(ticketEntries.ticketId, t.id));
    expect(after[0].n).toBe(before[0].n);
    expect(await deps.db.select().from(outbox).where(eq(outbox.ticketId, t.id))).toEqual([]);
    expect(await deps.db.select({ id: uploads.id }).from(uploads).where(eq(uploads.id, theirs.id))).toHaveLength(1);
  });

  it("a ticket created by e-mail (C4) carries its files on the first entry", async () => {
    const agent = await makeUser(deps);
    const up = await storeUpload(deps.db, agent, file("offer.txt", "offer"));
    const t = await createTicket(deps, agent, {
      title: "Offer", queueId, customerEmail: "buyer@customer.test", body: "Our offer", uploadIds: [up.id], sendMail: { cc: [], bcc: [] },
    });
    const [first] = await listEntries(deps.db, agent, t.id);
    expect(first.attachments.map((a) => a.filename)).toEqual(["offer.txt"]);
    const [mail] = await deps.db.select().from(outbox).where(eq(outbox.ticketId, t.id));
    expect(mail.entryId).toBe(first.id);
  });

  it("uploads never sent are deleted after the given age", async () => {
    const agent = await makeUser(deps);
    const old = await storeUpload(deps.db, agent, file("old.txt"));
    const fresh = await storeUpload(deps.db, agent, file("fresh.txt"));
    await deps.db.update(uploads).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(uploads.id, old.id));
    expect(await deleteStaleUploads(deps.db, 24)).toBeGreaterThanOrEqual(1);
    const left = (await deps.db.select({ id: uploads.id }).from(uploads)).map((r) => r.id);
    expect(left).not.toContain(old.id);
    expect(left).toContain(fresh.id);
  });
});
