import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { queues, statuses, ticketEntries, ticketHistory, tickets } from "../../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../../db/testing/test-deps";
import { replyToTicket, addInternalComment } from "../conversation/entries";
import { ingestRawMail } from "../mail/ingest";
import { ensureQueue } from "../../../db/seed";

const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

const statusNamed = async (name: string) =>
  (await deps.db.select().from(statuses).where(and(eq(statuses.queueId, queueId), eq(statuses.name, name))))[0];
const ticketOf = async (id: number) => (await deps.db.select().from(tickets).where(eq(tickets.id, id)))[0];

let n = 0;
async function customerMail(subject: string, extra = "") {
  const id = `${Date.now()}.${++n}@customer.test`;
  const r = await ingestRawMail(deps, {
    source: "file",
    raw: Buffer.from(`From: dora@customer.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\n${extra}\r\nHello`),
  });
  return { ...r, messageId: id };
}
/** The customer answers the agent's reply (threaded by In-Reply-To). */
async function customerAnswers(entryId: number, subject: string) {
  const [e] = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.id, entryId));
  return customerMail(`Re: ${subject}`, `In-Reply-To: <${e.messageId}>\r\n`);
}

describe("the ticket moves with the work", () => {
  it("Send and set status: the reply and the status change land together, the status in history", async () => {
    const agent = await makeUser(deps);
    const m = await customerMail("Set status");
    const waiting = await statusNamed("Waiting for customer");
    await replyToTicket(deps, agent, { ticketId: m.ticketId!, body: "Please send the log.", setStatusId: waiting.id });
    const t = await ticketOf(m.ticketId!);
    expect(t.statusId).toBe(waiting.id);
    const history = await deps.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, t.id));
    expect(history).toContainEqual(expect.objectContaining({ field: "status", oldValue: "New", newValue: "Waiting for customer", actorUserId: agent.userId }));
  });

  it("Send and set status refuses another queue's status and then sends nothing", async () => {
    const agent = await makeUser(deps);
    const m = await customerMail("Other queue");
    const salesId = await ensureQueue(deps.db, "Sales", 1);
    const [foreign] = await deps.db.select().from(statuses).where(eq(statuses.queueId, salesId));
    await expect(replyToTicket(deps, agent, { ticketId: m.ticketId!, body: "x", setStatusId: foreign.id })).rejects.toThrow(/does not belong/);
    const entries = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.ticketId, m.ticketId!));
    expect(entries.some((e) => e.kind === "agent_message")).toBe(false);
  });

  it("an agent's first reply on an unowned ticket makes them the owner, recorded in history", async () => {
    const agent = await makeUser(deps);
    const m = await customerMail("Owner");
    await replyToTicket(deps, agent, { ticketId: m.ticketId!, body: "On it." });
    expect((await ticketOf(m.ticketId!)).ownerId).toBe(agent.userId);
    const history = await deps.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, m.ticketId!));
    expect(history).toContainEqual(expect.objectContaining({ field: "owner", oldValue: null, newValue: agent.name }));
    // A colleague's later reply does not take it over.
    const colleague = await makeUser(deps);
    await replyToTicket(deps, colleague, { ticketId: m.ticketId!, body: "Me too." });
    expect((await ticketOf(m.ticketId!)).ownerId).toBe(agent.userId);
  });

  it("a comment takes no ownership, and a queue can switch ownership on reply off", async () => {
    const agent = await makeUser(deps);
    const m = await customerMail("No owner");
    await addInternalComment(deps, agent, { ticketId: m.ticketId!, body: "Looking." });
    expect((await ticketOf(m.ticketId!)).ownerId).toBeNull();
    await deps.db.update(queues).set({ ownerOnFirstReply: false }).where(eq(queues.id, queueId));
    try {
      await replyToTicket(deps, agent, { ticketId: m.ticketId!, body: "Answer" });
      expect((await ticketOf(m.ticketId!)).ownerId).toBeNull();
    } finally {
      await deps.db.update(queues).set({ ownerOnFirstReply: true }).where(eq(queues.id, queueId));
    }
  });

  it("the ticket row knows who spoke last and since when", async () => {
    const agent = await makeUser(deps);
    const m = await customerMail("Speaker");
    const first = await ticketOf(m.ticketId!);
    expect(first.lastSpeaker).toBe("customer");
    expect(first.lastSpokeAt).not.toBeNull();
    const r = await replyToTicket(deps, agent, { ticketId: m.ticketId!, body: "Answer" });
    expect((await ticketOf(m.ticketId!)).lastSpeaker).toBe("agent");
    await addInternalComment(deps, agent, { ticketId: m.ticketId!, body: "note" });
    expect((await ticketOf(m.ticketId!)).lastSpeaker).toBe("agent");
    await customerAnswers(r.entryId, "Speaker");
    expect((await ticketOf(m.ticketId!)).lastSpeaker).toBe("customer");
  });

  it("a customer's answer reopens a waiting ticket within the queue's days, in history as the system", async () => {
    const agent = await makeUser(deps);
    const m = await customerMail("Reopen");
    const waiting = await statusNamed("Waiting for customer");
    const r = await replyToTicket(deps, agent, { ticketId: m.ticketId!, body: "Log?", setStatusId: waiting.id });
    const answer = await customerAnswers(r.entryId, "Reopen");
    expect(answer.ticketId).toBe(m.ticketId);
    const t = await ticketOf(m.ticketId!);
    expect(t.statusId).toBe((await statusNamed("Open")).id);
    const history = await deps.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, t.id));
    expect(history).toContainEqual(expect.objectContaining({ field: "status", oldValue: "Waiting for customer", newValue: "Open", actorUserId: null }));
  });

  it("after the queue's days, a customer's answer opens a follow-up ticket linked to the old one", async () => {
    const agent = await makeUser(deps);
    const m = await customerMail("Late");
    const solved = await statusNamed("Solved");
    const r = await replyToTicket(deps, agent, { ticketId: m.ticketId!, body: "Fixed.", setStatusId: solved.id });
    await deps.db.update(tickets).set({ statusChangedAt: new Date(Date.now() - 15 * 86_400_000) }).where(eq(tickets.id, m.ticketId!));
    const answer = await customerAnswers(r.entryId, "Late");
    expect(answer.status).toBe("created");
    expect(answer.ticketId).not.toBe(m.ticketId);
    const followUp = await ticketOf(answer.ticketId!);
    expect(followUp.parentId).toBe(m.ticketId);
    expect((await ticketOf(m.ticketId!)).statusId).toBe(solved.id);
    const oldTimeline = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.ticketId, m.ticketId!));
    expect(oldTimeline.some((e) => e.kind === "system_event" && (e.meta as { structure?: string } | null)?.structure === "childAdded")).toBe(true);
    const newTimeline = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.ticketId, followUp.id));
    expect(newTimeline.some((e) => e.kind === "system_event" && (e.meta as { structure?: string } | null)?.structure === "parentSet")).toBe(true);
  });

  it("a customer's answer leaves an open ticket's status alone", async () => {
    const agent = await makeUser(deps);
    const m = await customerMail("Open stays");
    const open = await statusNamed("Open");
    const r = await replyToTicket(deps, agent, { ticketId: m.ticketId!, body: "x", setStatusId: open.id });
    const before = await deps.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, m.ticketId!));
    await customerAnswers(r.entryId, "Open stays");
    const after = await deps.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, m.ticketId!));
    expect(after.length).toBe(before.length);
  });
});
