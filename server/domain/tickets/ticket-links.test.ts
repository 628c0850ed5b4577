import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { statuses, ticketEntries, ticketHistory, tickets } from "../../../db/schema";
import { ensureQueue } from "../../../db/seed";
import { makeUser, testDeps } from "../../../db/testing/test-deps";
import { createChildTicket, searchTicketsToLink, setParent, ticketStructure, unlinkParent } from "./ticket-links";
import { changeStatus, createTicket } from "./tickets";

const deps = testDeps();
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
let queue: number;
let other: number;
beforeAll(async () => {
  queue = await ensureQueue(deps.db, `Links ${stamp}`, 91);
  other = await ensureQueue(deps.db, `Links other ${stamp}`, 92);
});
afterAll(() => deps.handle.close());

type Agent = Awaited<ReturnType<typeof makeUser>>;
const newTicket = (actor: Agent, title = "Ticket", queueId = queue) =>
  createTicket(deps, actor, { title: `${title} ${stamp}`, queueId, customerEmail: `links-${stamp}@customer.test`, body: "first" });

describe("parent and child tickets (C6)", () => {
  it("links any depth, records history and timeline events on both, and announces them", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [queue]: "manage" } });
    const [a, b, c] = [await newTicket(agent, "A"), await newTicket(agent, "B"), await newTicket(agent, "C")];
    deps.events.length = 0;
    await setParent(deps, agent, { ticketId: b.id, parentId: a.id });
    await setParent(deps, agent, { ticketId: c.id, parentId: b.id });
    const [row] = await deps.db.select().from(tickets).where(eq(tickets.id, c.id));
    expect(row.parentId).toBe(b.id);
    const history = await deps.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, b.id));
    expect(history.map((h) => [h.field, h.oldValue, h.newValue])).toEqual(
      expect.arrayContaining([["parent", null, `#${a.number}`], ["child", null, `#${c.number}`]]),
    );
    const events = await deps.db.select({ meta: ticketEntries.meta }).from(ticketEntries).where(eq(ticketEntries.ticketId, a.id));
    expect(events.map((e) => e.meta)).toContainEqual({ structure: "childAdded", number: b.number });
    expect(deps.events.filter((e) => e.type === "ticket.changed").map((e) => "ticketId" in e && e.ticketId).sort()).toEqual([a.id, b.id, b.id, c.id].sort());

    const structure = await ticketStructure(deps.db, agent, b.id);
    expect(structure.parent).toMatchObject({ id: a.id, number: a.number, readable: true });
    expect(structure.children.map((x) => x.id)).toEqual([c.id]);
  });

  it("refuses cycles: a ticket under its own child or grandchild, or under itself", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [queue]: "manage" } });
    const [a, b, c] = [await newTicket(agent, "A"), await newTicket(agent, "B"), await newTicket(agent, "C")];
    await setParent(deps, agent, { ticketId: b.id, parentId: a.id });
    await setParent(deps, agent, { ticketId: c.id, parentId: b.id });
    await expect(setParent(deps, agent, { ticketId: a.id, parentId: c.id })).rejects.toThrow(/cycle/);
    await expect(setParent(deps, agent, { ticketId: a.id, parentId: b.id })).rejects.toThrow(/cycle/);
    await expect(setParent(deps, agent, { ticketId: a.id, parentId: a.id })).rejects.toThrow(/own parent/);
    const [row] = await deps.db.select().from(tickets).where(eq(tickets.id, a.id));
    expect(row.parentId).toBeNull();
    // Moving a subtree elsewhere is fine: C goes up to A.
    await setParent(deps, agent, { ticketId: c.id, parentId: a.id });
    expect((await ticketStructure(deps.db, agent, a.id)).children.map((x) => x.id).sort()).toEqual([b.id, c.id].sort());
    expect((await ticketStructure(deps.db, agent, b.id)).children).toEqual([]);
  });

  it("needs the write right on the child and the read right on the parent", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [queue]: "manage", [other]: "manage" } });
    const readOnly = await makeUser(deps, "agent", { queues: { [queue]: "read_own" } });
    const mine = await newTicket(agent, "Mine");
    await deps.db.update(tickets).set({ ownerId: readOnly.userId }).where(eq(tickets.id, mine.id));
    const parent = await newTicket(agent, "Parent");
    const hidden = await newTicket(agent, "Hidden", other);
    // read_own may read its tickets, not change them; a ticket it cannot read does not exist for it.
    await expect(setParent(deps, readOnly, { ticketId: mine.id, parentId: parent.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await deps.db.update(tickets).set({ ownerId: readOnly.userId }).where(eq(tickets.id, parent.id));
    await expect(setParent(deps, readOnly, { ticketId: mine.id, parentId: parent.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const writer = await makeUser(deps, "agent", { queues: { [queue]: "manage" } });
    await expect(setParent(deps, writer, { ticketId: parent.id, parentId: hidden.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(searchTicketsToLink(deps.db, writer, { ticketId: parent.id, query: String(hidden.number) })).resolves.toEqual([]);
    expect((await searchTicketsToLink(deps.db, agent, { ticketId: parent.id, query: `#${hidden.number}` })).map((t) => t.id)).toEqual([hidden.id]);
  });

  it("creates a child in place with the parent's queue and customer; the creator owns it; unlinks", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [queue]: "manage" } });
    const creator = await makeUser(deps, "agent", { queues: { [queue]: "manage" } });
    const parent = await newTicket(agent, "Parent");
    const child = await createChildTicket(deps, creator, { parentId: parent.id, title: "Order parts", body: "Two fans" });
    const [row] = await deps.db.select().from(tickets).where(eq(tickets.id, child.id));
    expect(row).toMatchObject({ parentId: parent.id, queueId: queue, contactId: parent.contactId, ownerId: creator.userId, createdById: creator.userId });
    const entries = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.ticketId, child.id));
    expect(entries.find((e) => e.kind === "agent_message")?.bodyText).toBe("Two fans");

    // Progress: one of two children done.
    const second = await createChildTicket(deps, creator, { parentId: parent.id, title: "Ship", body: "x" });
    const [solved] = await deps.db.select().from(statuses).where(eq(statuses.queueId, queue)).then((s) => s.filter((x) => x.category === "solved"));
    await changeStatus(deps, creator, { ticketId: second.id, statusId: solved.id });
    const s = await ticketStructure(deps.db, agent, parent.id);
    expect({ done: s.childrenDone, total: s.children.length }).toEqual({ done: 1, total: 2 });

    await unlinkParent(deps, agent, { ticketId: child.id });
    const [after] = await deps.db.select().from(tickets).where(eq(tickets.id, child.id));
    expect(after.parentId).toBeNull();
    const parentHistory = await deps.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, parent.id));
    expect(parentHistory.map((h) => [h.field, h.oldValue, h.newValue])).toContainEqual(["child", `#${child.number}`, null]);
  });
});
