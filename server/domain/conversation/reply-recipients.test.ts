import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { outbox, ticketEntries } from "../../../db/schema";
import { ensureSupportQueue, grantQueues, makeUser, testDeps } from "../../../db/testing/test-deps";
import { ensureQueue } from "../../../db/seed";
import { replyToTicket } from "./entries";
import { createTicket } from "../tickets/tickets";
import { updateTicketFields } from "../tickets/ticket-fields";
import { ingestRawMail } from "../mail/ingest";
import { getContact, updateContact } from "../people/contacts";

const deps = testDeps();
const stamp = Date.now();
let seq = 0;
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

const addr = (label: string) => `${label}-${stamp}-${seq++}@customer.test`;
function mail(headers: Record<string, string>) {
  const lines = Object.entries({ To: "support@helpdesk.test", Subject: "Order", "Message-ID": `<rr-${stamp}-${seq++}@customer.test>`, ...headers });
  return Buffer.from([...lines.map(([k, v]) => `${k}: ${v}`), "", "Hallo"].join("\r\n"));
}
async function sentMail(outboxId: number | null) {
  const [m] = await deps.db.select().from(outbox).where(eq(outbox.id, outboxId!));
  return m;
}

describe("replies follow the conversation, not a mutable contact (issue 11.9)", () => {
  it("a reply goes to the mail's Reply-To, plus the ticket's CC", async () => {
    const agent = await makeUser(deps, "admin");
    const from = addr("sender");
    const replyTo = addr("replies");
    const inbound = await ingestRawMail(deps, { source: "file", raw: mail({ From: from, "Reply-To": `Team <${replyTo}>` }) });
    const cc = addr("boss");
    const [t] = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.id, inbound.entryId!));
    await updateTicketFields(deps, agent, { ticketId: t.ticketId, customerCc: [cc, replyTo] });
    const r = await replyToTicket(deps, agent, { ticketId: t.ticketId, body: "Done." });
    const m = await sentMail(r.outboxId);
    expect(m.toEmails).toEqual([replyTo]);
    expect(m.ccEmails).toEqual([cc]); // the Reply-To address is not copied twice
    const [entry] = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.id, r.entryId));
    expect(entry).toMatchObject({ toEmails: [replyTo], ccEmails: [cc] });
  });

  it("an agent who cannot see the ticket changes the contact's address: the next reply still goes to the writer", async () => {
    const hiddenQueue = await ensureQueue(deps.db, `Hidden ${stamp}`, 90);
    const owner = await makeUser(deps, "admin");
    const outsider = await grantQueues(deps, (await makeUser(deps)).userId, { [queueId]: "manage" });
    const customer = addr("customer");
    const inbound = await ingestRawMail(deps, { source: "file", raw: mail({ From: customer }) });
    const [first] = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.id, inbound.entryId!));
    await updateTicketFields(deps, owner, { ticketId: first.ticketId, queueId: hiddenQueue });

    const [entry] = await deps.db.select({ contactId: ticketEntries.authorContactId }).from(ticketEntries).where(eq(ticketEntries.id, inbound.entryId!));
    const contact = await getContact(deps.db, outsider, entry.contactId!);
    const attacker = addr("attacker");
    deps.events.length = 0;
    await updateContact(deps, outsider, {
      ...contact,
      emails: [{ email: attacker, primary: true }, { email: customer, primary: false }],
    });

    const r = await replyToTicket(deps, owner, { ticketId: first.ticketId, body: "Your order shipped." });
    expect((await sentMail(r.outboxId)).toEmails).toEqual([customer]);

    // The change shows in the ticket's timeline, with who made it, and open screens hear of it.
    const shown = (await deps.db
      .select()
      .from(ticketEntries)
      .where(and(eq(ticketEntries.ticketId, first.ticketId), eq(ticketEntries.kind, "system_event"))))
      .find((e) => (e.meta as { field?: string } | null)?.field === "customerAddresses")!;
    expect(shown).toMatchObject({ authorUserId: outsider.userId, meta: { field: "customerAddresses", from: customer, to: `${attacker}, ${customer}` } });
    expect(deps.events).toContainEqual(expect.objectContaining({ type: "entry.created", ticketId: first.ticketId, entryId: shown.id }));
  });

  it("a phone ticket without mail goes to the contact's address; then the conversation keeps it", async () => {
    const agent = await makeUser(deps, "admin");
    const customer = addr("caller");
    const t = await createTicket(deps, agent, { title: "Call", queueId, customerEmail: customer, body: "Called in." });
    const firstReply = await replyToTicket(deps, agent, { ticketId: t.id, body: "As discussed." });
    expect((await sentMail(firstReply.outboxId)).toEmails).toEqual([customer]);

    const contact = await getContact(deps.db, agent, t.contactId!);
    const moved = addr("moved");
    await updateContact(deps, agent, { ...contact, emails: [{ email: moved, primary: true }] });
    const second = await replyToTicket(deps, agent, { ticketId: t.id, body: "One more thing." });
    expect((await sentMail(second.outboxId)).toEmails).toEqual([customer]);
  });
});
