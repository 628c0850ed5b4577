import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import { auditLog, mailRules, queueAccess, queues, statuses, ticketEntries, ticketHistory, tickets, users } from "../../../db/schema";
import { defaultStatuses } from "../../../db/seed";
import { createFreshDatabase } from "../../../db/testing/fresh-database";
import { makeUser, TEST_APP_SECRET, testContext, testDeps } from "../../../db/testing/test-deps";
import { createCaller } from "../../api/root";
import { callOverHttp } from "../../api/testing/call-over-http";
import type { UserActor } from "../actor";
import { createMailAccount } from "../mail/mail-accounts";
import { loadUserActor } from "../permissions";
import { changeStatus, createTicket } from "../tickets/tickets";
import { createQueue, deleteQueue, listQueueConfig, listQueueOptions, moveQueue, updateQueue, type QueueConfigInput } from "./queues";

const deps = testDeps();
let admin: UserActor;
let agent: UserActor;
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const input = (name: string, extra: Partial<QueueConfigInput> = {}): QueueConfigInput => ({
  name, nameDe: null, groupName: null, description: null, customersSeeEachOther: false, ...extra,
});
const http = (path: string, body: unknown, actor: UserActor | null = admin) => callOverHttp(deps, path, body, actor);
const lastAudit = async (entity: string, entityId: number) =>
  (await deps.db.select().from(auditLog).where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId)))).orderBy(desc(auditLog.id)).limit(1))[0];

beforeAll(async () => {
  admin = await makeUser(deps, "admin");
  agent = await makeUser(deps, "agent"); // manages every queue that exists now, none made later
});
afterAll(() => deps.handle.close());

describe("queues (B1)", () => {
  it("an admin creates a queue with the default statuses; agents do not see it until access is granted", async () => {
    const api = createCaller(testContext(deps, admin));
    // Agents made later by other test files get every queue (test-deps makeUser); those before must not.
    const [{ lastUser }] = await deps.db.select({ lastUser: sql<number>`max(${users.id})::int` }).from(users);
    const q = await api.queue.create({
      name: `  Billing ${stamp} `, nameDe: " Buchhaltung ", groupName: "Finance", description: "Invoices and refunds", customersSeeEachOther: true,
    });
    expect(q).toMatchObject({
      name: `Billing ${stamp}`, nameDe: "Buchhaltung", groupName: "Finance", description: "Invoices and refunds", customersSeeEachOther: true, ticketCount: 0,
    });
    // At the end of the list (other test files may add queues meanwhile, after it).
    const all = await listQueueConfig(deps.db, admin);
    expect(Math.max(...all.filter((x) => x.id < q.id).map((x) => x.position))).toBeLessThan(q.position);
    const own = await deps.db.select().from(statuses).where(eq(statuses.queueId, q.id)).orderBy(asc(statuses.position));
    expect(own.map((s) => ({ name: s.name, category: s.category, progress: s.progress, builtIn: s.builtIn }))).toEqual(
      defaultStatuses.map((s) => ({ name: s.name, category: s.category, progress: s.progress, builtIn: s.builtIn })),
    );

    // Nobody was given access: the agent neither sees it nor may create tickets there; the admin sees everything.
    expect(await deps.db.select().from(queueAccess).where(and(eq(queueAccess.queueId, q.id), lte(queueAccess.userId, lastUser)))).toEqual([]);
    const fresh = (await loadUserActor(deps.db, agent.userId))!;
    expect((await listQueueOptions(deps.db, fresh)).map((o) => o.id)).not.toContain(q.id);
    expect((await createCaller(testContext(deps, fresh)).ticket.queues()).map((o) => o.id)).not.toContain(q.id);
    await expect(createTicket(deps, fresh, { title: "x", queueId: q.id, customerEmail: "c@customer.test", body: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await listQueueOptions(deps.db, admin)).toContainEqual({
      id: q.id, name: `Billing ${stamp}`, nameDe: "Buchhaltung", groupName: "Finance", description: "Invoices and refunds",
    });

    const audit = await lastAudit("queue", q.id);
    expect(audit).toMatchObject({ action: "create", actorUserId: admin.userId, entityLabel: `Billing ${stamp}` });
    expect(audit.changes.statuses).toEqual({ from: null, to: defaultStatuses.map((s) => s.name) });
  });

  it("names are required and unique regardless of case; each bad field gets its error", async () => {
    const q = await createQueue(deps.db, admin, input(`Unique ${stamp}`));
    const dup = await http("queue.create", input(`unique ${stamp}`));
    expect(dup.error?.data.code).toBe("BAD_REQUEST");
    expect(dup.error?.data.fieldErrors).toEqual({ name: [`There is already a queue named “Unique ${stamp}”`] });

    const empty = await http("queue.create", { ...input("   "), description: "d".repeat(501) });
    expect(empty.error?.data.fieldErrors).toMatchObject({ name: ["The name is required"], description: ["The description is too long (at most 500 characters)"] });

    const other = await createQueue(deps.db, admin, input(`Other ${stamp}`));
    const clash = await http("queue.update", { id: other.id, ...input(`UNIQUE ${stamp}`) });
    expect(clash.error?.data.fieldErrors).toEqual({ name: [`There is already a queue named “Unique ${stamp}”`] });
    // Keeping one's own name (in another case) is fine.
    const renamed = await updateQueue(deps.db, admin, q.id, input(`UNIQUE ${stamp}`, { nameDe: "Einzig", description: "Hint" }));
    expect(renamed).toMatchObject({ name: `UNIQUE ${stamp}`, nameDe: "Einzig", description: "Hint" });
    const audit = await lastAudit("queue", q.id);
    expect(audit).toMatchObject({ action: "update" });
    expect(audit.changes).toEqual({
      name: { from: `Unique ${stamp}`, to: `UNIQUE ${stamp}` }, nameDe: { from: null, to: "Einzig" }, description: { from: null, to: "Hint" },
    });

    // The domain checks again for callers that skip the router.
    await expect(createQueue(deps.db, admin, input(""))).rejects.toMatchObject({ code: "INVALID", details: { fieldErrors: { name: ["The name is required"] } } });
    await expect(updateQueue(deps.db, admin, 999_999, input(`Nobody ${stamp}`))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("reorders queues one step at a time and records the order", async () => {
    // A database of its own: reordering renumbers every queue, and other test files add queues meanwhile.
    const fresh = await createFreshDatabase("queue_order");
    const own = testDeps(fresh.url);
    try {
      const boss = await makeUser(own, "admin");
      const [a, b, c] = [
        await createQueue(own.db, boss, input("A")), await createQueue(own.db, boss, input("B")), await createQueue(own.db, boss, input("C")),
      ];
      const names = async () => (await listQueueConfig(own.db, boss)).map((q) => q.name);
      expect(await names()).toEqual(["A", "B", "C"]);
      expect(await moveQueue(own.db, boss, c.id, "up")).toEqual([a.id, c.id, b.id]);
      expect(await names()).toEqual(["A", "C", "B"]);
      await moveQueue(own.db, boss, a.id, "up"); // already first
      await moveQueue(own.db, boss, b.id, "down"); // already last
      expect(await names()).toEqual(["A", "C", "B"]);
      await moveQueue(own.db, boss, a.id, "down");
      expect(await names()).toEqual(["C", "A", "B"]);
      expect((await listQueueConfig(own.db, boss)).map((q) => q.position)).toEqual([0, 1, 2]);
      const [audit] = await own.db.select().from(auditLog).where(eq(auditLog.entityLabel, "order")).orderBy(desc(auditLog.id)).limit(1);
      expect(audit).toMatchObject({ entity: "queue", action: "update", changes: { order: { from: ["A", "C", "B"], to: ["C", "A", "B"] } } });
      await expect(moveQueue(own.db, boss, 999_999, "up")).rejects.toMatchObject({ code: "NOT_FOUND" });
    } finally {
      await own.handle.close();
      await fresh.drop();
    }
  });

  it("a queue with tickets is not deleted: refused with the count, or its tickets move to another queue by category", async () => {
    const from = await createQueue(deps.db, admin, input(`Doomed ${stamp}`));
    const to = await createQueue(deps.db, admin, input(`Heir ${stamp}`));
    const t1 = await createTicket(deps, admin, { title: "one", queueId: from.id, customerEmail: "a@customer.test", body: "x" });
    const t2 = await createTicket(deps, admin, { title: "two", queueId: from.id, customerEmail: "b@customer.test", body: "x" });
    const statusOf = async (queueId: number, name: string) =>
      (await deps.db.select().from(statuses).where(and(eq(statuses.queueId, queueId), eq(statuses.name, name))))[0];
    await changeStatus(deps, admin, { ticketId: t2.id, statusId: (await statusOf(from.id, "Waiting for customer")).id });
    // Renamed in the target: mapped by category, not by name.
    await deps.db.update(statuses).set({ name: "On hold" }).where(eq(statuses.id, (await statusOf(to.id, "Waiting for customer")).id));

    const refused = await http("queue.delete", { id: from.id });
    expect(refused.error?.data.code).toBe("CONFLICT");
    expect(refused.error?.message).toBe(`The queue “Doomed ${stamp}” has 2 tickets; move them to another queue first`);
    expect((await listQueueConfig(deps.db, admin)).find((q) => q.id === from.id)?.ticketCount).toBe(2);
    const self = await http("queue.delete", { id: from.id, moveTicketsTo: from.id });
    expect(self.error?.data.fieldErrors).toEqual({ moveTicketsTo: ["Choose another queue to move the tickets to"] });

    deps.events.length = 0;
    expect(await createCaller(testContext(deps, admin)).queue.delete({ id: from.id, moveTicketsTo: to.id })).toEqual({ movedTickets: 2 });
    const moved = await deps.db.select().from(tickets).where(eq(tickets.queueId, to.id)).orderBy(asc(tickets.id));
    expect(moved.map((t) => t.id)).toEqual([t1.id, t2.id]);
    expect(moved[0].statusId).toBe((await statusOf(to.id, "New")).id);
    expect(moved[1].statusId).toBe((await statusOf(to.id, "On hold")).id);
    expect(moved.every((t) => t.version > 1)).toBe(true);
    expect(await deps.db.select().from(queues).where(eq(queues.id, from.id))).toEqual([]);
    expect(await deps.db.select().from(statuses).where(eq(statuses.queueId, from.id))).toEqual([]);
    const history = await deps.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, t2.id));
    expect(history.map((h) => [h.field, h.oldValue, h.newValue])).toContainEqual(["queue", `Doomed ${stamp}`, `Heir ${stamp}`]);
    expect(history.map((h) => [h.field, h.oldValue, h.newValue])).toContainEqual(["status", "Waiting for customer", "On hold"]);
    const [event] = await deps.db.select().from(ticketEntries).where(and(eq(ticketEntries.ticketId, t1.id), eq(ticketEntries.kind, "system_event")));
    // The timeline says what changed; a status of the same name is no change.
    expect(event.meta).toEqual({ changes: [{ field: "queue", from: `Doomed ${stamp}`, to: `Heir ${stamp}` }] });
    // Both queues' lists hear of each moved ticket, after the commit.
    expect(deps.events.filter((e) => e.type === "ticket.changed").map((e) => [e.ticketId, e.queueId]).sort()).toEqual(
      [[t1.id, from.id], [t1.id, to.id], [t2.id, from.id], [t2.id, to.id]].sort(),
    );
    const audit = await lastAudit("queue", from.id);
    expect(audit).toMatchObject({ action: "delete" });
    expect(audit.changes.movedTickets).toEqual({ from: 2, to: null });
    expect(audit.changes.ticketsMovedTo).toEqual({ from: `Heir ${stamp}`, to: null });

    // An empty queue goes at once.
    const empty = await createQueue(deps.db, admin, input(`Empty ${stamp}`));
    expect(await deleteQueue(deps, admin, { queueId: empty.id })).toEqual({ movedTickets: 0 });
    await expect(deleteQueue(deps, admin, { queueId: empty.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a queue that mail accounts or rules send tickets to is not deleted", async () => {
    const q = await createQueue(deps.db, admin, input(`Mailed ${stamp}`));
    const account = await createMailAccount({ db: deps.db, appSecret: TEST_APP_SECRET }, admin, {
      address: `in-${stamp}@example.test`, senderName: null, replyTo: null, active: false,
      imapHost: "imap.example.test", imapPort: 993, imapEncryption: "ssl", imapUser: "u", imapPassword: "p",
      smtpHost: "smtp.example.test", smtpPort: 587, smtpEncryption: "starttls", smtpUser: null, smtpPassword: null,
      queueId: q.id, statusId: null, priority: null, afterImport: "mark_seen", afterImportFolder: null, maxMessageBytes: 10 * 1024 * 1024,
    });
    await expect(deleteQueue(deps, admin, { queueId: q.id })).rejects.toMatchObject({
      code: "CONFLICT", message: `The queue “Mailed ${stamp}” is used by mail account in-${stamp}@example.test; change it first`,
    });
    await createCaller(testContext(deps, admin)).mailAccount.delete({ id: account.id });
    // An inactive rule (it must not touch other tests' mail) that sends to the queue.
    const [rule] = await deps.db
      .insert(mailRules)
      .values({ name: `To mailed ${stamp}`, active: false, conditions: [{ field: "subject", op: "contains", value: stamp }], actions: { mode: "create", queueId: q.id } })
      .returning();
    await expect(deleteQueue(deps, admin, { queueId: q.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining(`mail rule “To mailed ${stamp}”`) });
    await deps.db.delete(mailRules).where(eq(mailRules.id, rule.id));
    await deleteQueue(deps, admin, { queueId: q.id });
  });

  it("is for admins only; the picker list is for all staff", async () => {
    const q = await createQueue(deps.db, admin, input(`Guarded ${stamp}`));
    const asAgent = createCaller(testContext(deps, agent));
    await expect(asAgent.queue.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAgent.queue.create(input(`Agent ${stamp}`))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAgent.queue.update({ id: q.id, ...input(`Agent ${stamp}`) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAgent.queue.move({ id: q.id, direction: "up" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAgent.queue.delete({ id: q.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createQueue(deps.db, agent, input(`Agent ${stamp}`))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteQueue(deps, { kind: "system" }, { queueId: q.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await asAgent.queue.options()).toEqual(expect.any(Array));
    await expect(createCaller(testContext(deps, null)).queue.options()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await deps.db.select().from(queues).where(eq(queues.id, q.id)))[0].name).toBe(`Guarded ${stamp}`);
  });
});
