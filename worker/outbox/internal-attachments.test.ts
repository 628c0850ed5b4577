import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import { attachments, outbox } from "../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../db/testing/test-deps";
import { addInternalComment, listEntries, replyToTicket } from "../../server/domain/conversation/entries";
import { createTicket } from "../../server/domain/tickets/tickets";
import { storeUpload } from "../../server/domain/conversation/uploads";
import { deliverOutboxMail } from "./deliver";

/** D7: files marked internal, and every file of an internal comment, never leave the house. */
const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

const text = (filename: string, body: string) => ({ filename, contentType: "text/plain", content: Buffer.from(body) });

describe("internal attachments", () => {
  it("a reply mails only its customer files; the timeline shows both with uploader, date and visibility", async () => {
    const agent = await makeUser(deps);
    const t = await createTicket(deps, agent, { title: "Files", queueId, customerEmail: "vis@customer.test", body: "Start" });
    const shared = await storeUpload(deps.db, agent, text("for-you.txt", "hello customer"));
    const secret = await storeUpload(deps.db, agent, text("our-notes.txt", "internal only"));
    const { entryId, outboxId } = await replyToTicket(deps, agent, {
      ticketId: t.id, body: "See the file", uploadIds: [shared.id, secret.id], internalUploadIds: [secret.id],
    });

    const sent: { attachments?: { filename: string }[] }[] = [];
    const fake = { sendMail: async (m: (typeof sent)[number]) => void sent.push(m), close: () => {} } as unknown as Transporter;
    expect(await deliverOutboxMail(deps.db, async () => fake, outboxId!, { final: true, testModeAddress: null })).toBe("sent");
    expect(sent[0].attachments?.map((a) => a.filename)).toEqual(["for-you.txt"]);

    const entry = (await listEntries(deps.db, agent, t.id)).find((e) => e.id === entryId)!;
    expect(entry.attachments.map((a) => [a.filename, a.visibility, a.uploadedByName])).toEqual([
      ["for-you.txt", "customer", agent.name],
      ["our-notes.txt", "internal", agent.name],
    ]);
    expect(entry.attachments[0].createdAt).toBeInstanceOf(Date);
  });

  it("an internal comment's files are internal, even when none was ticked, and nothing is mailed", async () => {
    const agent = await makeUser(deps);
    const t = await createTicket(deps, agent, { title: "Comment files", queueId, customerEmail: "vis2@customer.test", body: "Start" });
    const up = await storeUpload(deps.db, agent, text("log.txt", "stack trace"));
    const { entryId, outboxId } = await addInternalComment(deps, agent, { ticketId: t.id, body: "Log", uploadIds: [up.id] });
    expect(outboxId).toBeNull();
    expect(await deps.db.select().from(outbox).where(eq(outbox.entryId, entryId))).toEqual([]);
    const [file] = await deps.db.select({ visibility: attachments.visibility }).from(attachments).where(eq(attachments.entryId, entryId));
    expect(file.visibility).toBe("internal");
  });
});
