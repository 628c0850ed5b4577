import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outbox, queues, tickets, users } from "../../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../../db/testing/test-deps";
import { ensureQueue } from "../../../db/seed";
import { listEntries, replyToTicket } from "../conversation/entries";
import { ingestRawMail } from "./ingest";
import { retryOutboxMail } from "./outbox";
import { createTicket } from "../tickets/tickets";

const deps = testDeps();
let queueId: number;
/** A queue of this file's own: its quoting and signature change here, while other files run. */
let quotingQueueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
  quotingQueueId = await ensureQueue(deps.db, `Quoting ${Date.now()}`, 70);
});
afterAll(() => deps.handle.close());

describe("outgoing mail", () => {
  it("a reply carries greeting, the user's signature over the queue's, and quotes per queue setting", async () => {
    const agent = await makeUser(deps);
    await deps.db.update(users).set({ greeting: "Kind regards", signature: "Ada, Support" }).where(eq(users.id, agent.userId));
    await deps.db.update(queues).set({ quoting: "last", signature: "The Support Team" }).where(eq(queues.id, quotingQueueId));
    const inbound = await ingestRawMail(deps, {
      source: "file",
      raw: Buffer.from(`From: lu@customer.test\r\nSubject: Quote me\r\nMessage-ID: <q-${Date.now()}@c.test>\r\n\r\nFirst line\r\nSecond line`),
    });
    await deps.db.update(tickets).set({ queueId: quotingQueueId }).where(eq(tickets.id, inbound.ticketId!));
    const r = await replyToTicket(deps, agent, { ticketId: inbound.ticketId!, body: "Done." });
    const [mail] = await deps.db.select().from(outbox).where(eq(outbox.id, r.outboxId!));
    expect(mail.bodyText).toMatch(/^Done\.\n\nKind regards\n\n-- \nAda, Support\n\nOn .*, lu@customer\.test wrote:\n> First line\n> Second line$/);
    expect(mail.bodyText).not.toContain("The Support Team");
    await deps.db.update(queues).set({ quoting: "none" }).where(eq(queues.id, quotingQueueId));
    const r2 = await replyToTicket(deps, agent, { ticketId: inbound.ticketId!, body: "Again." });
    const [mail2] = await deps.db.select().from(outbox).where(eq(outbox.id, r2.outboxId!));
    expect(mail2.bodyText).not.toContain("wrote:");
  });

  it("a ticket can be opened by sending an e-mail (C4), with CC and BCC", async () => {
    const agent = await makeUser(deps);
    const t = await createTicket(deps, agent, {
      title: "Your offer", queueId, customerEmail: "mo@customer.test", body: "Here is our offer.",
      sendMail: { cc: ["boss@customer.test"], bcc: ["archive@helpdesk.test"] },
    });
    const [mail] = await deps.db.select().from(outbox).where(eq(outbox.ticketId, t.id));
    expect(mail).toMatchObject({
      kind: "new_ticket", subject: `[Ticket#${t.number}] Your offer`, toEmails: ["mo@customer.test"],
      ccEmails: ["boss@customer.test"], bccEmails: ["archive@helpdesk.test"], status: "queued",
    });
    expect(deps.jobsSent).toContainEqual({ name: "outbox.deliver", payload: { outboxId: mail.id } });
    // The customer's answer threads back by the Message-ID we sent.
    const answer = await ingestRawMail(deps, {
      source: "file",
      raw: Buffer.from(`From: mo@customer.test\r\nSubject: Re: offer\r\nIn-Reply-To: <${mail.messageId}>\r\nMessage-ID: <a-${Date.now()}@c.test>\r\n\r\nAccepted`),
    });
    expect(answer).toMatchObject({ status: "appended", ticketId: t.id });
  });

  it("the opening mail goes to several To addresses; the entry shows To and CC, the BCC stays on record for agents", async () => {
    const agent = await makeUser(deps);
    const t = await createTicket(deps, agent, {
      title: "Kick-off", queueId, customerEmail: "lead@customer.test", body: "Let us start.",
      sendMail: { to: ["second@customer.test", "LEAD@customer.test"], cc: ["boss@customer.test", "second@customer.test"], bcc: ["archive@helpdesk.test"] },
    });
    const [mail] = await deps.db.select().from(outbox).where(eq(outbox.ticketId, t.id));
    // Each address gets one copy, in the first field it was given in.
    expect(mail).toMatchObject({
      toEmails: ["lead@customer.test", "second@customer.test"], ccEmails: ["boss@customer.test"], bccEmails: ["archive@helpdesk.test"],
    });
    const [first] = await listEntries(deps.db, agent, t.id);
    expect(first).toMatchObject({
      kind: "agent_message", bodyText: "Let us start.", subject: `[Ticket#${t.number}] Kick-off`, outboxId: mail.id,
      toEmails: ["lead@customer.test", "second@customer.test"], ccEmails: ["boss@customer.test"], bccEmails: ["archive@helpdesk.test"],
    });
  });

  it("an inactive sender account is refused beside its field, and nothing is created", async () => {
    const agent = await makeUser(deps);
    const title = `Nope ${Date.now()}`;
    const err = await createTicket(deps, agent, {
      title, queueId, customerEmail: "n@customer.test", body: "x", sendMail: { accountId: 999_999, cc: [], bcc: [] },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "INVALID", details: { fieldErrors: { accountId: ["This mail account is not active"] } } });
    expect(await deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.title, title))).toEqual([]);
  });

  it("a failed mail can be sent again by hand; other states are refused", async () => {
    const agent = await makeUser(deps);
    const t = await createTicket(deps, agent, {
      title: "Retry", queueId, customerEmail: "ret@customer.test", body: "x", sendMail: { cc: [], bcc: [] },
    });
    const [mail] = await deps.db.select().from(outbox).where(eq(outbox.ticketId, t.id));
    await expect(retryOutboxMail(deps, agent, mail.id)).rejects.toThrow(/queued, not failed/);
    await deps.db.update(outbox).set({ status: "failed", lastError: "550 no" }).where(eq(outbox.id, mail.id));
    await retryOutboxMail(deps, agent, mail.id);
    const [after] = await deps.db.select().from(outbox).where(eq(outbox.id, mail.id));
    expect(after).toMatchObject({ status: "queued", lastError: null });
    expect(deps.jobsSent.filter((j) => (j.payload as { outboxId: number }).outboxId === mail.id)).toHaveLength(2);
  });
});
