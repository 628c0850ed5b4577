import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { ticketViewers } from "../../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../../db/testing/test-deps";
import { addViewer, expireStaleViewers, removeSocketViewers, removeViewer, touchViewers } from "./presence";
import { createTicket, getTicketRow, listTickets } from "../tickets/tickets";

const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

async function newTicket() {
  const owner = await makeUser(deps);
  return createTicket(deps, owner, { title: "Presence test", queueId, customerEmail: "p@customer.test", body: "x" });
}

const lastPresence = (ticketId: number) =>
  deps.events.filter((e) => e.type === "presence.changed" && e.ticketId === ticketId).at(-1);

describe("presence", () => {
  it("viewers are listed once per user, announced on join and leave, and shown on rows", async () => {
    const [a, b] = [await makeUser(deps), await makeUser(deps)];
    const t = await newTicket();
    await addViewer(deps, a, { ticketId: t.id, socketId: "pa-1" });
    await addViewer(deps, a, { ticketId: t.id, socketId: "pa-2" }); // a second tab
    await addViewer(deps, b, { ticketId: t.id, socketId: "pb-1" });
    const both = [{ userId: a.userId, userName: a.name }, { userId: b.userId, userName: b.name }];
    expect(lastPresence(t.id)).toEqual({ type: "presence.changed", ticketId: t.id, queueId, viewers: both, involved: [t.createdById] });
    expect((await getTicketRow(deps.db, a, t.id)).viewers).toEqual(both);
    const rows = await listTickets(deps.db, a, { filter: "all", queueId, limit: 500 });
    expect(rows.find((r) => r.id === t.id)?.viewers).toEqual(both);

    await removeViewer(deps, { ticketId: t.id, socketId: "pb-1" });
    expect(lastPresence(t.id)).toMatchObject({ viewers: [{ userId: a.userId }] });
    await removeSocketViewers(deps, "pa-1");
    expect(lastPresence(t.id)).toMatchObject({ viewers: [{ userId: a.userId }] }); // still open in tab 2
    await removeSocketViewers(deps, "pa-2");
    expect(lastPresence(t.id)).toMatchObject({ viewers: [] });
  });

  it("rows nobody vouches for expire; refreshed ones stay", async () => {
    const [a, b] = [await makeUser(deps), await makeUser(deps)];
    const t = await newTicket();
    await addViewer(deps, a, { ticketId: t.id, socketId: "gone" });
    await addViewer(deps, b, { ticketId: t.id, socketId: "alive" });
    await deps.db.update(ticketViewers).set({ seenAt: sql`now() - interval '5 minutes'` }).where(eq(ticketViewers.ticketId, t.id));
    await touchViewers(deps.db, ["alive"]);
    expect(await expireStaleViewers(deps)).toContain(t.id);
    expect(lastPresence(t.id)).toMatchObject({ viewers: [{ userId: b.userId }] });
  });
});
