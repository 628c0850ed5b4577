import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import { outbox, ticketEntries } from "../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../db/testing/test-deps";
import { listEntries, replyToTicket } from "../../server/domain/conversation/entries";
import { createTicket } from "../../server/domain/tickets/tickets";
import { storeUpload } from "../../server/domain/conversation/uploads";
import { deliverOutboxMail } from "./deliver";

/** A reply written in the rich-text editor: sanitised HTML plus plain text, inline images as cid: parts. */
const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

describe("rich-text replies", () => {
  it("store sanitised HTML and its text, mail both parts with the pasted image inline, and show it in the timeline", async () => {
    const agent = await makeUser(deps);
    const t = await createTicket(deps, agent, { title: "Rich <b>", queueId, customerEmail: "rich@customer.test", body: "Start" });
    const image = await storeUpload(deps.db, agent, { filename: "paste.png", contentType: "image/png", content: png });
    const { entryId, outboxId } = await replyToTicket(deps, agent, {
      ticketId: t.id,
      body: "ignored hint",
      bodyHtml: `<p>Hello <strong>{{ticket.subject}}</strong></p><script>alert(1)</script><p><img src="cid:${image.id}" onerror="x()"></p>`,
      uploadIds: [image.id],
    });

    const [entry] = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.id, entryId));
    expect(entry.bodyHtml).toBe(`<p>Hello <strong>Rich &lt;b&gt;</strong></p><p><img src="cid:${image.id}" /></p>`);
    expect(entry.bodyText).toBe("Hello Rich <b>");
    const [mail] = await deps.db.select().from(outbox).where(eq(outbox.id, outboxId!));
    expect(mail.bodyText.startsWith("Hello Rich <b>")).toBe(true);
    expect(mail.bodyHtml?.startsWith(entry.bodyHtml!)).toBe(true);

    const sent: { html?: string; text?: string; attachments?: { filename: string; cid?: string }[] }[] = [];
    const fake = { sendMail: async (m: (typeof sent)[number]) => void sent.push(m), close: () => {} } as unknown as Transporter;
    expect(await deliverOutboxMail(deps.db, async () => fake, outboxId!, { final: true, testModeAddress: null })).toBe("sent");
    expect(sent[0].attachments).toEqual([expect.objectContaining({ filename: "paste.png", cid: image.id })]);

    const shown = (await listEntries(deps.db, agent, t.id)).find((e) => e.id === entryId)!;
    expect(shown.bodyHtml).toMatch(/<img src="\/api\/attachments\/\d+" \/>/);
  });
});
