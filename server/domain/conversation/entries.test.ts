import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { outbox, ticketEntries, ticketHistory, statuses } from "../../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../../db/testing/test-deps";
import { ensureQueue } from "../../../db/seed";
import { addInternalComment, replyToTicket } from "./entries";
import { acquireLock } from "../collaboration/locks";
import { changeStatus, createTicket, getTicketRow } from "../tickets/tickets";
import { ingestRawMail } from "../mail/ingest";

const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

describe("conversation", () => {
  it("a reply is queued in the outbox with [Ticket#N] and threading headers", async () => {
    const agent = await makeUser(deps);
    const customerId = `${Date.now()}@customer.test`;
    const inbound = await ingestRawMail(deps, {
      source: "file",
      raw: Buffer.from(`From: dora@customer.test\r\nSubject: Broken\r\nMessage-ID: <${customerId}>\r\n\r\nHelp`),
    });
    const r = await replyToTicket(deps, agent, { ticketId: inbound.ticketId!, body: "We are on it." });
    const [mail] = await deps.db.select().from(outbox).where(eq(outbox.id, r.outboxId!));
    expect(mail.subject).toBe(`[Ticket#${inbound.ticketNumber}] Broken`);
    expect(mail.toEmails).toEqual(["dora@customer.test"]);
    expect(mail.inReplyTo).toBe(customerId);
    expect(mail.references).toEqual([customerId]);
    expect(mail.status).toBe("queued");
    const [entry] = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.id, r.entryId));
    expect(entry.kind).toBe("agent_message");
    expect(entry.messageId).toBe(mail.messageId); // so the customer's answer threads back
    expect(deps.jobsSent).toContainEqual({ name: "outbox.deliver", payload: { outboxId: r.outboxId } });
  });

  it("an internal comment never reaches the outbox", async () => {
    const agent = await makeUser(deps);
    const t = await createTicket(deps, agent, {
      title: "Phone call", queueId, customerEmail: "erik@customer.test", body: "Customer called.",
    });
    const before = await deps.db.select().from(outbox);
    const r = await addInternalComment(deps, agent, { ticketId: t.id, body: "Secret: check the contract" });
    expect(r.outboxId).toBeNull();
    const after = await deps.db.select().from(outbox);
    expect(after.length).toBe(before.length);
    expect(after.some((m) => m.bodyText.includes("Secret"))).toBe(false);
  });

  it("sending releases the sender's lock", async () => {
    const agent = await makeUser(deps);
    const t = await createTicket(deps, agent, { title: "Lock", queueId, customerEmail: "f@customer.test", body: "x" });
    await acquireLock(deps, agent, { ticketId: t.id, kind: "reply", socketId: "s1" });
    expect((await getTicketRow(deps.db, agent, t.id)).lock?.userId).toBe(agent.userId);
    await replyToTicket(deps, agent, { ticketId: t.id, body: "done" });
    expect((await getTicketRow(deps.db, agent, t.id)).lock).toBeNull();
  });

  it("a status change is recorded in history and the timeline", async () => {
    const agent = await makeUser(deps);
    const t = await createTicket(deps, agent, { title: "Status", queueId, customerEmail: "g@customer.test", body: "x" });
    const [open] = await deps.db.select().from(statuses).where(and(eq(statuses.queueId, queueId), eq(statuses.name, "Open")));
    const updated = await changeStatus(deps, agent, { ticketId: t.id, statusId: open.id });
    expect(updated?.version).toBe(t.version + 1);
    const [h] = await deps.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, t.id));
    expect(h).toMatchObject({ field: "status", oldValue: "New", newValue: "Open", actorUserId: agent.userId });
    const events = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.ticketId, t.id));
    expect(events.some((e) => e.kind === "system_event" && e.bodyText.includes("Open"))).toBe(true);
  });

  it("refuses a status of another queue", async () => {
    const agent = await makeUser(deps);
    const t = await createTicket(deps, agent, { title: "Q", queueId, customerEmail: "h@customer.test", body: "x" });
    const salesId = await ensureQueue(deps.db, "Sales", 1);
    const [other] = await deps.db.select().from(statuses).where(eq(statuses.queueId, salesId));
    await expect(changeStatus(deps, agent, { ticketId: t.id, statusId: other.id })).rejects.toThrow(/does not belong/);
  });
});
