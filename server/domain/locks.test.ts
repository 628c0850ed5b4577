import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { ticketLocks } from "../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../db/testing/test-deps";
import { acquireLock, heartbeatLock, releaseLock, releaseSocketLocks } from "./locks";
import { createTicket } from "./tickets";

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
    expect(deps.events).toContainEqual({ type: "lock.changed", ticketId: t2.id, queueId, lock: null });
  });

  it("a lock without heartbeat for 30 s can be taken; heartbeats keep it", async () => {
    const [a, b] = [await makeUser(deps), await makeUser(deps)];
    const t = await newTicket();
    await acquireLock(deps, a, { ticketId: t.id, kind: "reply", socketId: "x" });
    expect(await heartbeatLock(deps, a, t.id)).toBe(true);
    expect(await heartbeatLock(deps, b, t.id)).toBe(false);
    await deps.db.update(ticketLocks).set({ heartbeatAt: sql`now() - interval '31 seconds'` }).where(eq(ticketLocks.ticketId, t.id));
    expect((await acquireLock(deps, b, { ticketId: t.id, kind: "reply", socketId: "y" })).ok).toBe(true);
  });
});
