import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { notifications, ticketLocks } from "../../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../../db/testing/test-deps";
import {
  acquireLock, expireStaleLocks, heartbeatLock, releaseLock, releaseSocketLocks, setLockTimer, takeOverLock,
} from "./locks";
import { createTicket, getTicketRow } from "../tickets/tickets";

const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

async function newTicket() {
  const owner = await makeUser(deps);
  return createTicket(deps, owner, { title: "Lock test", queueId, customerEmail: "l@customer.test", body: "x" });
}

const ageLock = (ticketId: number, seconds: number) =>
  deps.db
    .update(ticketLocks)
    .set({ heartbeatAt: sql`now() - make_interval(secs => ${seconds})` })
    .where(eq(ticketLocks.ticketId, ticketId));

describe("ticket locks", () => {
  it("one holder at a time; others learn who holds it", async () => {
    const [a, b] = [await makeUser(deps), await makeUser(deps)];
    const t = await newTicket();
    const first = await acquireLock(deps, a, { ticketId: t.id, kind: "reply", socketId: "sa" });
    expect(first.ok).toBe(true);
    const second = await acquireLock(deps, b, { ticketId: t.id, kind: "comment", socketId: "sb" });
    expect(second).toMatchObject({ ok: false, holder: { userId: a.userId, userName: a.name, kind: "reply" } });
    expect(deps.events).toContainEqual(
      expect.objectContaining({ type: "lock.changed", ticketId: t.id, lock: expect.objectContaining({ userId: a.userId }) }),
    );
  });

  it("release and disconnect free the lock and announce it", async () => {
    const [a, b] = [await makeUser(deps), await makeUser(deps)];
    const t1 = await newTicket();
    const t2 = await newTicket();
    await acquireLock(deps, a, { ticketId: t1.id, kind: "reply", socketId: "sock-a" });
    await acquireLock(deps, a, { ticketId: t2.id, kind: "reply", socketId: "sock-a" });
    await releaseLock(deps, b, t1.id); // not b's lock: nothing happens
    expect((await acquireLock(deps, b, { ticketId: t1.id, kind: "reply", socketId: "sock-b" })).ok).toBe(false);
    await releaseLock(deps, a, t1.id);
    expect((await acquireLock(deps, b, { ticketId: t1.id, kind: "reply", socketId: "sock-b" })).ok).toBe(true);
    await releaseSocketLocks(deps, "sock-a");
    expect(await deps.db.select().from(ticketLocks).where(eq(ticketLocks.ticketId, t2.id))).toEqual([]);
    expect(deps.events).toContainEqual({ type: "lock.changed", ticketId: t2.id, queueId, lock: null, involved: [t2.createdById] });
  });

  it("a lock without heartbeat for 30 s can be taken; heartbeats keep it", async () => {
    const [a, b] = [await makeUser(deps), await makeUser(deps)];
    const t = await newTicket();
    await acquireLock(deps, a, { ticketId: t.id, kind: "reply", socketId: "x" });
    expect(await heartbeatLock(deps, a, t.id)).toEqual({ ok: true });
    await ageLock(t.id, 31);
    expect((await acquireLock(deps, b, { ticketId: t.id, kind: "reply", socketId: "y" })).ok).toBe(true);
  });

  it("a heartbeat for a lock the user does not hold answers with the current holder", async () => {
    const [a, b] = [await makeUser(deps), await makeUser(deps)];
    const t = await newTicket();
    expect(await heartbeatLock(deps, b, t.id)).toEqual({ ok: false, holder: null }); // nobody holds it
    await acquireLock(deps, a, { ticketId: t.id, kind: "comment", socketId: "hb-a" });
    const r = await heartbeatLock(deps, b, t.id);
    expect(r).toMatchObject({ ok: false, holder: { userId: a.userId, userName: a.name, kind: "comment" } });
    // …and it did not keep someone else's lock alive or take it.
    const [row] = await deps.db.select().from(ticketLocks).where(eq(ticketLocks.ticketId, t.id));
    expect(row.userId).toBe(a.userId);
  });

  it("a lock whose heartbeats stopped expires and is announced once", async () => {
    const a = await makeUser(deps);
    const [stale, alive] = [await newTicket(), await newTicket()];
    await acquireLock(deps, a, { ticketId: stale.id, kind: "reply", socketId: "exp-1" });
    await acquireLock(deps, a, { ticketId: alive.id, kind: "reply", socketId: "exp-2" });
    await ageLock(stale.id, 31);
    deps.events.length = 0;
    const expired = await expireStaleLocks(deps);
    expect(expired).toContain(stale.id);
    expect(expired).not.toContain(alive.id);
    expect(deps.events).toContainEqual({ type: "lock.changed", ticketId: stale.id, queueId, lock: null, involved: [stale.createdById] });
    expect(deps.events).not.toContainEqual(expect.objectContaining({ ticketId: alive.id }));
    expect(await expireStaleLocks(deps)).not.toContain(stale.id); // a second sweep finds nothing
    expect((await getTicketRow(deps.db, a, alive.id)).lock?.userId).toBe(a.userId);
  });
});

describe("takeover", () => {
  it("takes the lock from its holder, who is told in the event and by the next heartbeat", async () => {
    const [a, b] = [await makeUser(deps), await makeUser(deps)];
    const t = await newTicket();
    await acquireLock(deps, a, { ticketId: t.id, kind: "reply", socketId: "to-a" });
    deps.events.length = 0;
    const r = await takeOverLock(deps, b, { ticketId: t.id, kind: "comment", socketId: "to-b" });
    expect(r.lock).toMatchObject({ userId: b.userId, userName: b.name, kind: "comment" });
    expect(r.previous).toMatchObject({ userId: a.userId });
    expect(deps.events).toContainEqual({
      type: "lock.changed", ticketId: t.id, queueId, takenOverFrom: a.userId, involved: [t.createdById],
      lock: expect.objectContaining({ userId: b.userId, kind: "comment" }),
    });
    expect(await heartbeatLock(deps, a, t.id)).toMatchObject({ ok: false, holder: { userId: b.userId } });
    // ... and finds it among their notifications.
    const [note] = await deps.db.select().from(notifications).where(and(eq(notifications.userId, a.userId), eq(notifications.ticketId, t.id)));
    expect(note).toMatchObject({ kind: "lock_taken_over", actorUserId: b.userId });
    // a's socket going away must not release b's lock.
    await releaseSocketLocks(deps, "to-a");
    expect((await getTicketRow(deps.db, b, t.id)).lock?.userId).toBe(b.userId);
  });

  it("taking over a free ticket names no former holder", async () => {
    const b = await makeUser(deps);
    const t = await newTicket();
    deps.events.length = 0;
    await takeOverLock(deps, b, { ticketId: t.id, kind: "reply", socketId: "free" });
    const e = deps.events.find((x) => x.type === "lock.changed" && x.ticketId === t.id);
    expect(e).toBeDefined();
    expect(e).not.toHaveProperty("takenOverFrom");
  });

  it("is refused without write rights on the ticket's queue, and the lock stays", async () => {
    // A back-office user who may view the queue's tickets but not change them (A2).
    const [a, reader] = [await makeUser(deps), await makeUser(deps, "backoffice", { queues: { [queueId]: "manage" }, rights: ["ticket.view"] })];
    const t = await newTicket();
    await acquireLock(deps, a, { ticketId: t.id, kind: "reply", socketId: "ro-a" });
    deps.events.length = 0;
    await expect(takeOverLock(deps, reader, { ticketId: t.id, kind: "reply", socketId: "ro-r" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/may not edit this ticket/),
    });
    expect(deps.events).toEqual([]);
    expect((await getTicketRow(deps.db, a, t.id)).lock?.userId).toBe(a.userId);
  });
});

describe("editor timer on the lock", () => {
  it("starts with the lock, follows pause/play/reset of the holder only, and is announced", async () => {
    const [a, b] = [await makeUser(deps), await makeUser(deps)];
    const t = await newTicket();
    const got = await acquireLock(deps, a, { ticketId: t.id, kind: "reply", socketId: "tm-a" });
    expect(got.ok && got.lock.timer).toMatchObject({ accumulatedMs: 0, runningSince: expect.any(String) });

    deps.events.length = 0;
    const paused = await setLockTimer(deps, a, { ticketId: t.id, timer: { accumulatedMs: 65_000, running: false } });
    expect(paused).toMatchObject({ ok: true, lock: { timer: { accumulatedMs: 65_000, runningSince: null } } });
    expect(deps.events).toContainEqual(
      expect.objectContaining({ type: "lock.changed", ticketId: t.id, lock: expect.objectContaining({ timer: { accumulatedMs: 65_000, runningSince: null } }) }),
    );
    // Colleagues see it on the ticket.
    expect((await getTicketRow(deps.db, b, t.id)).lock?.timer).toEqual({ accumulatedMs: 65_000, runningSince: null });

    // Only the holder sets it.
    const foreign = await setLockTimer(deps, b, { ticketId: t.id, timer: { accumulatedMs: 0, running: true } });
    expect(foreign).toMatchObject({ ok: false, holder: { userId: a.userId } });
    await expect(setLockTimer(deps, a, { ticketId: t.id, timer: { accumulatedMs: -5, running: true } })).rejects.toMatchObject({ code: "INVALID" });
  });
});
