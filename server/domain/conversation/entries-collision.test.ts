import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outbox, ticketEntries, timeEntries } from "../../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../../db/testing/test-deps";
import { NEW_ENTRIES_CONFLICT, addInternalComment, listEntries, replyToTicket } from "./entries";
import { ingestRawMail } from "../mail/ingest";
import { changeStatus, createTicket } from "../tickets/tickets";
import { statuses } from "../../../db/schema";

const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

const newestEntryId = async (ticketId: number) => {
  const agent = await makeUser(deps);
  return Math.max(...(await listEntries(deps.db, agent, ticketId)).map((e) => e.id));
};

describe("collision guard on send", () => {
  it("refuses with CONFLICT naming the customer mail that arrived meanwhile; force sends anyway", async () => {
    const agent = await makeUser(deps);
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const first = await ingestRawMail(deps, {
      source: "file",
      raw: Buffer.from(`From: cara@customer.test\r\nSubject: Collision ${stamp}\r\nMessage-ID: <c1-${stamp}@customer.test>\r\n\r\nHelp`),
    });
    const ticketId = first.ticketId!;
    const seenEntryId = await newestEntryId(ticketId); // the editor opens here

    const second = await ingestRawMail(deps, {
      source: "file",
      raw: Buffer.from(
        `From: cara@customer.test\r\nSubject: Re: Collision ${stamp}\r\nMessage-ID: <c2-${stamp}@customer.test>\r\n` +
          `In-Reply-To: <c1-${stamp}@customer.test>\r\n\r\nStill broken, and here is more`,
      ),
    });
    expect(second.ticketId).toBe(ticketId);
    const newId = await newestEntryId(ticketId);
    expect(newId).toBeGreaterThan(seenEntryId);

    const outboxBefore = (await deps.db.select().from(outbox).where(eq(outbox.ticketId, ticketId))).length;
    await expect(replyToTicket(deps, agent, { ticketId, body: "Try again", seenEntryId })).rejects.toMatchObject({
      code: "CONFLICT",
      message: NEW_ENTRIES_CONFLICT,
      details: { newEntryIds: [newId] },
    });
    // Nothing was written: no entry, no mail.
    expect((await deps.db.select().from(ticketEntries).where(eq(ticketEntries.bodyText, "Try again")))).toEqual([]);
    expect((await deps.db.select().from(outbox).where(eq(outbox.ticketId, ticketId))).length).toBe(outboxBefore);

    // Having seen the new mail (or forcing), it goes through.
    await expect(replyToTicket(deps, agent, { ticketId, body: "Try again", seenEntryId: newId })).resolves.toMatchObject({ entryId: expect.any(Number) });
    const forced = await addInternalComment(deps, agent, { ticketId, body: "Noted", seenEntryId, force: true });
    expect(forced.entryId).toBeGreaterThan(newId);
  });

  it("a colleague's comment counts, the writer's own entries and status changes do not", async () => {
    const [a, b] = [await makeUser(deps), await makeUser(deps)];
    const t = await createTicket(deps, a, { title: "Colleagues", queueId, customerEmail: "g@customer.test", body: "x" });
    const seenEntryId = await newestEntryId(t.id);
    await addInternalComment(deps, a, { ticketId: t.id, body: "my own note" }); // e.g. from another tab
    const [pending] = await deps.db.select().from(statuses).where(eq(statuses.queueId, queueId));
    await changeStatus(deps, b, { ticketId: t.id, statusId: pending.id });
    const own = await addInternalComment(deps, a, { ticketId: t.id, body: "still fine", seenEntryId });
    const fromB = await addInternalComment(deps, b, { ticketId: t.id, body: "colleague was here" });
    await expect(addInternalComment(deps, a, { ticketId: t.id, body: "too late", seenEntryId: own.entryId })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { newEntryIds: [fromB.entryId] },
    });
  });
});

describe("time spent", () => {
  it("is booked as a time entry of the entry's author and listed with the entry; 0 books nothing", async () => {
    const agent = await makeUser(deps);
    const t = await createTicket(deps, agent, { title: "Timer", queueId, customerEmail: "h@customer.test", body: "x" });
    const four = await replyToTicket(deps, agent, { ticketId: t.id, body: "four minutes", timeSpentMinutes: 4 });
    const zero = await addInternalComment(deps, agent, { ticketId: t.id, body: "zero minutes", timeSpentMinutes: 0 });
    const none = await addInternalComment(deps, agent, { ticketId: t.id, body: "not given" });
    const byId = new Map((await listEntries(deps.db, agent, t.id)).map((e) => [e.id, e]));
    expect(byId.get(four.entryId)?.timeSpentMinutes).toBe(4);
    expect(byId.get(zero.entryId)?.timeSpentMinutes).toBeNull();
    expect(byId.get(none.entryId)?.timeSpentMinutes).toBeNull();
    const booked = await deps.db.select().from(timeEntries).where(eq(timeEntries.ticketId, t.id));
    expect(booked).toMatchObject([{ entryId: four.entryId, userId: agent.userId, minutes: 4 }]);
  });
});
