import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { fieldOptions, notifications, statuses, ticketHistory, ticketLocks, users } from "../../../db/schema";
import { watcherUserIds } from "./watchers";
import { ensureQueue } from "../../../db/seed";
import { makeUser, testDeps } from "../../../db/testing/test-deps";
import { acquireLock } from "../collaboration/locks";
import { ownerOptions, updateTicketFields } from "./ticket-fields";
import { changeStatus, createTicket, getTicketRow } from "./tickets";

const deps = testDeps();
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
let support: number;
let sales: number;
beforeAll(async () => {
  support = await ensureQueue(deps.db, `Fields support ${stamp}`, 93);
  sales = await ensureQueue(deps.db, `Fields sales ${stamp}`, 94);
});
afterAll(() => deps.handle.close());

const newTicket = (actor: Awaited<ReturnType<typeof makeUser>>) =>
  createTicket(deps, actor, { title: "Printer", queueId: support, customerEmail: `f-${stamp}@customer.test`, body: "x" });

describe("editing a ticket's fields (C1)", () => {
  it("changes title, priority, tags and owner; records history and a timeline event; tells the new owner", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [support]: "manage", [sales]: "manage" } });
    const colleague = await makeUser(deps, "agent", { queues: { [support]: "manage" } });
    const t = await newTicket(agent);
    await acquireLock(deps, agent, { ticketId: t.id, kind: "edit", socketId: "edit-1" });
    deps.events.length = 0;
    const updated = await updateTicketFields(deps, agent, {
      ticketId: t.id, title: "  Printer on fire ", priority: 5, tags: ["urgent", " Urgent", "hardware", ""], ownerId: colleague.userId,
    });
    expect(updated).toMatchObject({ title: "Printer on fire", priority: 5, tags: ["urgent", "hardware"], ownerId: colleague.userId });
    const history = await deps.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, t.id));
    expect(history.map((h) => h.field).sort()).toEqual(["owner", "priority", "tags", "title"]);
    expect(history.find((h) => h.field === "owner")).toMatchObject({ oldValue: agent.name, newValue: colleague.name });
    const [assigned] = await deps.db.select().from(notifications).where(and(eq(notifications.userId, colleague.userId), eq(notifications.ticketId, t.id)));
    expect(assigned.kind).toBe("assigned");
    // Saving gave the edit lock back, and everyone was told.
    expect(await deps.db.select().from(ticketLocks).where(eq(ticketLocks.ticketId, t.id))).toEqual([]);
    expect(deps.events.map((e) => e.type)).toEqual(expect.arrayContaining(["entry.created", "ticket.changed", "lock.changed"]));
  });

  it("moves a ticket to another queue, keeping its state category, and both queues hear of it", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [support]: "manage", [sales]: "manage" } });
    const t = await newTicket(agent);
    const [pending] = await deps.db.select().from(statuses).where(and(eq(statuses.queueId, support), eq(statuses.category, "pending")));
    await changeStatus(deps, agent, { ticketId: t.id, statusId: pending.id });
    deps.events.length = 0;
    await updateTicketFields(deps, agent, { ticketId: t.id, queueId: sales });
    const row = await getTicketRow(deps.db, agent, t.id);
    expect(row).toMatchObject({ queueId: sales, statusCategory: "pending" });
    const changedIn = deps.events.filter((e) => e.type === "ticket.changed").map((e) => e.queueId).sort();
    expect(changedIn).toEqual([support, sales].sort());
  });

  it("refuses a queue one may not create in, an owner who cannot own tickets, and bad values, changing nothing", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [support]: "manage", [sales]: "read_own" } });
    const t = await newTicket(agent);
    await expect(updateTicketFields(deps, agent, { ticketId: t.id, queueId: sales })).rejects.toMatchObject({
      code: "INVALID", details: { fieldErrors: { queueId: ["You may not move tickets into this queue"] } },
    });
    const noOwner = await makeUser(deps, "agent", { queues: { [support]: "manage" } });
    await deps.db.update(users).set({ canOwnTickets: false }).where(eq(users.id, noOwner.userId));
    const stranger = await makeUser(deps, "agent", { queues: {} });
    for (const ownerId of [noOwner.userId, stranger.userId]) {
      await expect(updateTicketFields(deps, agent, { ticketId: t.id, ownerId })).rejects.toMatchObject({
        details: { fieldErrors: { ownerId: ["This person cannot own tickets in this queue"] } },
      });
    }
    await expect(updateTicketFields(deps, agent, { ticketId: t.id, priority: 9 })).rejects.toMatchObject({ code: "INVALID" });
    expect(await getTicketRow(deps.db, agent, t.id)).toMatchObject({ queueId: support, priority: t.priority, ownerId: agent.userId });
    const options = (await ownerOptions(deps.db, agent, t.id)).map((o) => o.id);
    expect(options).toContain(agent.userId);
    expect(options).not.toContain(noOwner.userId);
    expect(options).not.toContain(stranger.userId);
  });

  it("needs write rights: a reader of the ticket cannot edit it", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [support]: "manage" } });
    const viewer = await makeUser(deps, "backoffice", { queues: { [support]: "manage" }, rights: ["ticket.view"] });
    const t = await newTicket(agent);
    await expect(updateTicketFields(deps, viewer, { ticketId: t.id, title: "Mine now" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("sets the further C1 fields with readable history: kind, flags, dates, reference, CC and list entries", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [support]: "manage" } });
    const t = await newTicket(agent);
    const [brand] = await deps.db.insert(fieldOptions).values({ kind: "brand", name: `Shop ${stamp}` }).returning();
    const [oldBrand] = await deps.db.insert(fieldOptions).values({ kind: "brand", name: `Old shop ${stamp}`, active: false }).returning();
    const [category] = await deps.db.insert(fieldOptions).values({ kind: "category", name: `Hardware ${stamp}` }).returning();
    const due = new Date("2026-12-24T12:00:00Z");
    const updated = await updateTicketFields(deps, agent, {
      ticketId: t.id, kind: "mail", confidential: true, billable: true, dueAt: due, followUpAt: new Date("2026-12-01T09:30:00Z"),
      externalRef: "  PO-4711 ", customerCc: ["boss@customer.test", "BOSS@customer.test", " it@customer.test"], brandId: brand.id,
    });
    expect(updated).toMatchObject({ kind: "mail", confidential: true, billable: true, dueAt: due, externalRef: "PO-4711", customerCc: ["boss@customer.test", "it@customer.test"], brandId: brand.id });
    const history = await deps.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, t.id));
    expect(Object.fromEntries(history.map((h) => [h.field, [h.oldValue, h.newValue]]))).toMatchObject({
      kind: ["phone", "mail"], confidential: ["false", "true"], dueAt: [null, "2026-12-24T12:00:00.000Z"], externalRef: [null, "PO-4711"],
      customerCc: [null, "boss@customer.test, it@customer.test"], brand: [null, brand.name],
    });
    // An inactive entry, or one of another list, is refused on its field; nothing changes.
    for (const [field, optionId] of [["brandId", oldBrand.id], ["brandId", category.id]] as const) {
      await expect(updateTicketFields(deps, agent, { ticketId: t.id, [field]: optionId, billable: false })).rejects.toMatchObject({ details: { fieldErrors: { brandId: ["Choose an entry of the list"] } } });
    }
    expect((await getTicketRow(deps.db, agent, t.id)).billable).toBe(true);
  });

  it("keeps further owners with roles; they watch the ticket; one who becomes the owner leaves the list", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [support]: "manage" } });
    const expert = await makeUser(deps, "agent", { queues: { [support]: "manage" } });
    const outsider = await makeUser(deps, "agent", { queues: { [sales]: "manage" } });
    const [role] = await deps.db.insert(fieldOptions).values({ kind: "ticketRole", name: `Specialist ${stamp}` }).returning();
    const t = await newTicket(agent);
    await updateTicketFields(deps, agent, { ticketId: t.id, coOwners: [{ userId: expert.userId, roleId: role.id }, { userId: agent.userId, roleId: null }] });
    let row = await getTicketRow(deps.db, agent, t.id);
    expect(row.coOwners).toEqual([expect.objectContaining({ userId: expert.userId, roleName: role.name })]); // the owner is not listed twice
    expect(await watcherUserIds(deps.db, t.id)).toContain(expert.userId);
    const [h] = await deps.db.select().from(ticketHistory).where(and(eq(ticketHistory.ticketId, t.id), eq(ticketHistory.field, "coOwners")));
    expect(h.newValue).toBe(`${expert.name} (${role.name})`);
    // Someone who may not see the queue cannot be a further owner.
    await expect(updateTicketFields(deps, agent, { ticketId: t.id, coOwners: [{ userId: outsider.userId, roleId: null }] })).rejects.toMatchObject({ code: "INVALID" });
    await updateTicketFields(deps, agent, { ticketId: t.id, ownerId: expert.userId });
    row = await getTicketRow(deps.db, agent, t.id);
    expect(row.ownerId).toBe(expert.userId);
    expect(row.coOwners).toEqual([]);
  });
});
