import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, desc, eq } from "drizzle-orm";
import { auditLog, mailRules, statuses, ticketHistory, tickets } from "../../../db/schema";
import { grantQueues, makeUser, testContext, testDeps } from "../../../db/testing/test-deps";
import { createCaller } from "../../api/root";
import { callOverHttp } from "../../api/testing/call-over-http";
import type { UserActor } from "../actor";
import { changeStatus, createTicket } from "../tickets/tickets";
import { createQueue } from "./queues";
import { ticketCountsByStatus } from "./status-counts";
import { createStatus, deleteStatus, listStatuses, moveStatus, updateStatus, type StatusInput } from "./statuses";
import { createStatusGroup } from "./status-groups";

const deps = testDeps();
let admin: UserActor;
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
let n = 0;
const newQueue = async () =>
  createQueue(deps.db, admin, { name: `Statuses ${stamp} ${n++}`, nameDe: null, groupName: null, description: null, customersSeeEachOther: false });
const fields = (name: string, extra: Partial<StatusInput> = {}): StatusInput => ({ name, nameDe: null, category: "open", progress: 40, groupId: null, ...extra });
const http = (path: string, body: unknown, actor: UserActor | null = admin) => callOverHttp(deps, path, body, actor);
const byName = async (queueId: number, name: string) => (await listStatuses(deps.db, admin, queueId)).find((s) => s.name === name)!;

beforeAll(async () => {
  admin = await makeUser(deps, "admin");
});
afterAll(() => deps.handle.close());

describe("statuses per queue (B2)", () => {
  it("an admin adds and edits statuses; names are unique within the queue, progress is 0–100", async () => {
    const q = await newQueue();
    const other = await newQueue();
    const group = await createStatusGroup(deps.db, admin, { name: `Working ${stamp}`, nameDe: "In Arbeit", colour: "#2563EB" });
    const api = createCaller(testContext(deps, admin));
    const s = await api.status.create({ queueId: q.id, name: " In progress ", nameDe: "In Bearbeitung", category: "open", progress: 60, groupId: group.id });
    expect(s).toMatchObject({ queueId: q.id, name: "In progress", nameDe: "In Bearbeitung", category: "open", progress: 60, groupId: group.id, builtIn: false, ticketCount: 0 });
    expect((await listStatuses(deps.db, admin, q.id)).map((x) => x.name)).toEqual(["New", "Open", "Waiting for customer", "Solved", "Closed", "In progress"]);
    // The same name in another queue is fine.
    await createStatus(deps.db, admin, { queueId: other.id, ...fields("In progress") });

    const dup = await http("status.create", { queueId: q.id, ...fields("in PROGRESS") });
    expect(dup.error?.data.fieldErrors).toEqual({ name: [`The queue “${q.name}” already has a status named “In progress”`] });
    const bad = await http("status.create", { queueId: q.id, ...fields(" "), progress: 101 });
    expect(bad.error?.data.code).toBe("BAD_REQUEST");
    expect(bad.error?.data.fieldErrors).toMatchObject({ name: ["The name is required"], progress: ["The progress is a whole number from 0 to 100"] });
    const negative = await http("status.update", { id: s.id, ...fields("In progress"), progress: -1 });
    expect(negative.error?.data.fieldErrors).toEqual({ progress: ["The progress is a whole number from 0 to 100"] });
    const noGroup = await http("status.update", { id: s.id, ...fields("In progress"), groupId: 999_999 });
    expect(noGroup.error?.data.fieldErrors).toEqual({ groupId: ["Choose an existing status group"] });
    // The domain checks again for callers that skip the router.
    await expect(createStatus(deps.db, admin, { queueId: q.id, ...fields("Half"), progress: 50.5 })).rejects.toMatchObject({
      code: "INVALID", details: { fieldErrors: { progress: ["The progress is a whole number from 0 to 100"] } },
    });
    await expect(updateStatus(deps.db, admin, s.id, fields("Open"))).rejects.toMatchObject({
      code: "INVALID", details: { fieldErrors: { name: [`The queue “${q.name}” already has a status named “Open”`] } },
    });

    const edited = await updateStatus(deps.db, admin, s.id, fields("Working on it", { category: "pending", progress: 75, nameDe: "Läuft" }));
    expect(edited).toMatchObject({ name: "Working on it", category: "pending", progress: 75, nameDe: "Läuft", groupId: null });
    const [audit] = await deps.db.select().from(auditLog).where(and(eq(auditLog.entity, "status"), eq(auditLog.entityId, String(s.id)))).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: "update", entityLabel: `${q.name}: Working on it` });
    expect(audit.changes).toMatchObject({ name: { from: "In progress", to: "Working on it" }, progress: { from: 60, to: 75 }, groupId: { from: group.id, to: null } });
  });

  it("built-in statuses are neither edited nor deleted", async () => {
    const q = await newQueue();
    const closed = await byName(q.id, "Closed");
    expect(closed.builtIn).toBe(true);
    const refusedEdit = await http("status.update", { id: closed.id, ...fields("Shut", { category: "closed", progress: 100 }) });
    expect(refusedEdit.error?.data.code).toBe("CONFLICT");
    expect(refusedEdit.error?.message).toBe("“Closed” is built in and cannot be changed");
    const refusedDelete = await http("status.delete", { id: (await byName(q.id, "New")).id });
    expect(refusedDelete.error?.message).toBe("“New” is built in and cannot be deleted");
    expect((await listStatuses(deps.db, admin, q.id)).map((s) => s.name)).toEqual(["New", "Open", "Waiting for customer", "Solved", "Closed"]);
  });

  it("a status in use is not deleted: refused with the count, or its tickets move to another status of the queue", async () => {
    const q = await newQueue();
    const other = await newQueue();
    const open = await byName(q.id, "Open");
    const solved = await byName(q.id, "Solved");
    const ts = [];
    for (const title of ["a", "b", "c"]) {
      const t = await createTicket(deps, admin, { title, queueId: q.id, customerEmail: "s@customer.test", body: "x" });
      await changeStatus(deps, admin, { ticketId: t.id, statusId: open.id });
      ts.push(t);
    }
    expect((await byName(q.id, "Open")).ticketCount).toBe(3);
    const refused = await http("status.delete", { id: open.id });
    expect(refused.error?.data.code).toBe("CONFLICT");
    expect(refused.error?.message).toBe("The status “Open” is used by 3 tickets; move them to another status first");
    const foreign = await http("status.delete", { id: open.id, moveTicketsTo: (await byName(other.id, "Solved")).id });
    expect(foreign.error?.data.fieldErrors).toEqual({ moveTicketsTo: [`Choose another status of the queue “${q.name}”`] });

    deps.events.length = 0;
    expect(await deleteStatus(deps, admin, { statusId: open.id, moveTicketsTo: solved.id })).toEqual({ movedTickets: 3 });
    const rows = await deps.db.select().from(tickets).where(eq(tickets.queueId, q.id)).orderBy(asc(tickets.id));
    expect(rows.map((t) => t.statusId)).toEqual([solved.id, solved.id, solved.id]);
    expect(deps.events.filter((e) => e.type === "ticket.changed")).toHaveLength(3);
    const history = await deps.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, ts[0].id));
    expect(history.map((h) => [h.field, h.oldValue, h.newValue])).toContainEqual(["status", "Open", "Solved"]);
    expect((await listStatuses(deps.db, admin, q.id)).map((s) => s.name)).toEqual(["New", "Waiting for customer", "Solved", "Closed"]);
    const [audit] = await deps.db.select().from(auditLog).where(and(eq(auditLog.entity, "status"), eq(auditLog.entityId, String(open.id)))).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: "delete", entityLabel: `${q.name}: Open` });
    expect(audit.changes.movedTickets).toEqual({ from: 3, to: null });

    // An unused status goes at once; one a mail rule sets is refused.
    const spare = await createStatus(deps.db, admin, { queueId: q.id, ...fields("Spare") });
    const [rule] = await deps.db
      .insert(mailRules)
      .values({ name: `Spare ${stamp}`, active: false, conditions: [{ field: "subject", op: "contains", value: stamp }], actions: { mode: "create", statusId: spare.id } })
      .returning();
    await expect(deleteStatus(deps, admin, { statusId: spare.id })).rejects.toMatchObject({
      code: "CONFLICT", message: `The status “Spare” is used by mail rule “Spare ${stamp}”; change it first`,
    });
    await deps.db.delete(mailRules).where(eq(mailRules.id, rule.id));
    expect(await deleteStatus(deps, admin, { statusId: spare.id })).toEqual({ movedTickets: 0 });
  });

  it("saving a queue without a closed status needs confirmation; a new status must remain", async () => {
    const q = await newQueue();
    const archived = await createStatus(deps.db, admin, { queueId: q.id, ...fields("Archived", { category: "closed", progress: 100 }) });
    // Take the built-in flag off the default "Closed" (as an older install may have it) and delete it: "Archived" remains closed.
    const closed = await byName(q.id, "Closed");
    await deps.db.update(statuses).set({ builtIn: false }).where(eq(statuses.id, closed.id));
    await deleteStatus(deps, admin, { statusId: closed.id });

    // Moving the last closed status to another category warns beside the confirmation, and nothing changes.
    const warn = await http("status.update", { id: archived.id, ...fields("Archived", { category: "solved", progress: 100 }) });
    expect(warn.error?.data.code).toBe("BAD_REQUEST");
    expect(warn.error?.data.fieldErrors).toEqual({
      confirmNoClosed: [`No status of the queue “${q.name}” would be in the category “closed”, so its tickets could never be closed. Save anyway?`],
    });
    expect((await byName(q.id, "Archived")).category).toBe("closed");
    const deleteWarn = await http("status.delete", { id: archived.id });
    expect(deleteWarn.error?.data.fieldErrors).toHaveProperty("confirmNoClosed");
    // Confirmed, it is saved.
    const saved = await createCaller(testContext(deps, admin)).status.update({
      id: archived.id, ...fields("Archived", { category: "solved", progress: 100 }), confirmNoClosed: true,
    });
    expect(saved.category).toBe("solved");
    // While the queue has no closed status, every save asks again.
    await expect(createStatus(deps.db, admin, { queueId: q.id, ...fields("More") })).rejects.toMatchObject({ details: { fieldErrors: { confirmNoClosed: expect.any(Array) } } });

    // The last "new" status keeps its category (new tickets start there).
    const fresh = await newQueue();
    const extraNew = await createStatus(deps.db, admin, { queueId: fresh.id, ...fields("Incoming", { category: "new", progress: 0 }) });
    const builtInNew = await byName(fresh.id, "New");
    await deps.db.update(statuses).set({ builtIn: false }).where(eq(statuses.id, builtInNew.id));
    await deleteStatus(deps, admin, { statusId: builtInNew.id });
    await expect(updateStatus(deps.db, admin, extraNew.id, fields("Incoming", { category: "open" }))).rejects.toMatchObject({
      details: { fieldErrors: { category: [`The queue “${fresh.name}” needs a status in the category “new”: new tickets start there`] } },
    });
  });

  it("moves statuses up and down within their queue", async () => {
    const q = await newQueue();
    const names = async () => (await listStatuses(deps.db, admin, q.id)).map((s) => s.name);
    const extra = await createStatus(deps.db, admin, { queueId: q.id, ...fields("Escalated", { progress: 30 }) });
    await moveStatus(deps.db, admin, extra.id, "up");
    await createCaller(testContext(deps, admin)).status.move({ id: extra.id, direction: "up" });
    expect(await names()).toEqual(["New", "Open", "Waiting for customer", "Escalated", "Solved", "Closed"]);
    await moveStatus(deps.db, admin, (await byName(q.id, "New")).id, "up"); // already first
    expect((await names())[0]).toBe("New");
    const [audit] = await deps.db.select().from(auditLog).where(and(eq(auditLog.entity, "status"), eq(auditLog.entityLabel, `${q.name}: order`))).orderBy(desc(auditLog.id)).limit(1);
    expect(audit.changes.order.to).toEqual(["New", "Open", "Waiting for customer", "Escalated", "Solved", "Closed"]);
  });

  it("is for admins only", async () => {
    const q = await newQueue();
    const agent = await makeUser(deps, "agent");
    const asAgent = createCaller(testContext(deps, agent));
    const open = await byName(q.id, "Open");
    await expect(asAgent.status.list({ queueId: q.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAgent.status.create({ queueId: q.id, ...fields("Nope") })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAgent.status.update({ id: open.id, ...fields("Nope") })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAgent.status.move({ id: open.id, direction: "down" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAgent.status.delete({ id: open.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateStatus(deps.db, agent, open.id, fields("Nope"))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await byName(q.id, "Open")).name).toBe("Open");
  });
});

describe("ticket counts per status for the list filter", () => {
  it("counts only what the user may read, in queues they see", async () => {
    const q = await newQueue();
    const hidden = await newQueue();
    const creator = await makeUser(deps, "agent", { queues: {} });
    const writer = await grantQueues(deps, creator.userId, { [q.id]: "write" });
    const manager = await makeUser(deps, "agent", { queues: { [q.id]: "manage" } });
    await createTicket(deps, writer, { title: "mine", queueId: q.id, customerEmail: "c@customer.test", body: "x" });
    const other = await createTicket(deps, manager, { title: "theirs", queueId: q.id, customerEmail: "c@customer.test", body: "x" });
    await changeStatus(deps, manager, { ticketId: other.id, statusId: (await byName(q.id, "Open")).id });
    await createTicket(deps, admin, { title: "hidden", queueId: hidden.id, customerEmail: "c@customer.test", body: "x" });

    const countsOf = async (actor: UserActor, queueId?: number) =>
      Object.fromEntries((await ticketCountsByStatus(deps.db, actor, { queueId })).filter((c) => c.queueId === q.id || c.queueId === hidden.id).map((c) => [`${c.queueId === q.id ? "q" : "hidden"}:${c.name}`, c.count]));
    // The writer reads only their own ticket, and does not see the hidden queue at all.
    expect(await countsOf(writer)).toEqual({ "q:New": 1, "q:Open": 0, "q:Waiting for customer": 0, "q:Solved": 0, "q:Closed": 0 });
    expect(await countsOf(manager, q.id)).toEqual({ "q:New": 1, "q:Open": 1, "q:Waiting for customer": 0, "q:Solved": 0, "q:Closed": 0 });
    expect(await countsOf(writer, hidden.id)).toEqual({});
    expect((await countsOf(admin))["hidden:New"]).toBe(1);
    // Over the API, for any staff user.
    const rows = await createCaller(testContext(deps, writer)).status.counts({ queueId: q.id });
    expect(rows.find((r) => r.name === "New")).toMatchObject({ queueId: q.id, category: "new", count: 1 });
    await expect(createCaller(testContext(deps, null)).status.counts()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("status visibility per role (A7)", () => {
  it("a status hidden from a role is neither offered to nor settable by it; admins keep it", async () => {
    const q = await newQueue();
    const agent = await grantQueues(deps, (await makeUser(deps, "agent", { queues: {} })).userId, { [q.id]: "manage" });
    const hidden = await createStatus(deps.db, admin, { queueId: q.id, ...fields(`Legal hold ${stamp}`, { category: "pending", hiddenForRoles: ["agent"] }) });
    expect(hidden.hiddenForRoles).toEqual(["agent"]);
    const offered = async (actor: UserActor) =>
      (await createCaller(testContext(deps, actor)).ticket.queues()).find((x) => x.id === q.id)!.statuses.map((s) => s.name);
    expect(await offered(agent)).not.toContain(`Legal hold ${stamp}`);
    expect(await offered(admin)).toContain(`Legal hold ${stamp}`);

    const t = await createTicket(deps, agent, { title: "A7", queueId: q.id, customerEmail: `a7-${stamp}@customer.test`, body: "x" });
    await expect(changeStatus(deps, agent, { ticketId: t.id, statusId: hidden.id })).rejects.toMatchObject({ message: "This status is not available to you" });
    await changeStatus(deps, admin, { ticketId: t.id, statusId: hidden.id });
    // Shown again once no longer hidden.
    await updateStatus(deps.db, admin, hidden.id, { ...fields(`Legal hold ${stamp}`, { category: "pending" }) });
    expect(await offered(agent)).toContain(`Legal hold ${stamp}`);
  });
});
