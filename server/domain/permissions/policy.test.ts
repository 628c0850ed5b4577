import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { statuses } from "../../../db/schema";
import { ensureQueue } from "../../../db/seed";
import { makeUser, testContext, testDeps } from "../../../db/testing/test-deps";
import { createCaller } from "../../api/root";
import { codeOf } from "../../api/testing/code-of";
import { listEntries, replyToTicket } from "../conversation/entries";
import { changeStatus, createTicket, getTicketRow, listTickets } from "../tickets/tickets";
import { canDeleteTicket, canReadTicket, canWriteTicket } from ".";

/**
 * Per-queue levels (A3) and back-office rights (A2), against the real queries: what a user
 * may read is filtered in SQL, a ticket they may not read answers exactly like one that
 * does not exist, and creating needs at least "create" on the queue.
 */
const deps = testDeps();
let queueId: number;
let otherQueueId: number;
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  queueId = await ensureQueue(deps.db, `Policy ${stamp}`, 97);
  otherQueueId = await ensureQueue(deps.db, `Policy other ${stamp}`, 98);
});
afterAll(() => deps.handle.close());

const ticket = (actor: Awaited<ReturnType<typeof makeUser>>, title: string, q = queueId) =>
  createTicket(deps, actor, { title, queueId: q, customerEmail: `p-${stamp}@customer.test`, body: "x" });

describe("per-queue levels", () => {
  it("manage sees every ticket; lower levels only their own; no level nothing, in lists and by id", async () => {
    const manager = await makeUser(deps, "agent", { queues: { [queueId]: "manage", [otherQueueId]: "manage" } });
    const writer = await makeUser(deps, "agent", { queues: { [queueId]: "write" } });
    const reader = await makeUser(deps, "agent", { queues: { [queueId]: "read_own" } });
    const outsider = await makeUser(deps, "agent", { queues: {} });
    const theirs = await ticket(manager, "Manager's");
    const mine = await ticket(writer, "Writer's");
    const elsewhere = await ticket(manager, "Other queue", otherQueueId);

    const ids = async (a: typeof manager) => (await listTickets(deps.db, a, { filter: "all", limit: 500 })).map((t) => t.id);
    expect(await ids(manager)).toEqual(expect.arrayContaining([theirs.id, mine.id, elsewhere.id]));
    expect(await ids(writer)).toContain(mine.id);
    expect(await ids(writer)).not.toContain(theirs.id);
    expect(await ids(writer)).not.toContain(elsewhere.id);
    expect(await ids(reader)).toEqual([]);
    expect(await ids(outsider)).toEqual([]);

    // No existence leak: a hidden ticket and a missing one give the same answer.
    const hidden = await createCaller(testContext(deps, writer)).ticket.get({ ticketId: theirs.id }).catch((e: Error) => e.message);
    const missing = await createCaller(testContext(deps, writer)).ticket.get({ ticketId: 2_000_000_000 }).catch((e: Error) => e.message);
    expect(hidden).toBe(missing);
    await expect(getTicketRow(deps.db, outsider, mine.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listEntries(deps.db, reader, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("read own may read but not answer; write answers own tickets only; delete own needs its level", async () => {
    const manager = await makeUser(deps, "agent", { queues: { [queueId]: "manage" } });
    const writer = await makeUser(deps, "agent", { queues: { [queueId]: "write" } });
    const t = await ticket(writer, "Writer's own");
    const reader = await makeUser(deps, "agent", { queues: { [queueId]: "read_own" } });
    // The reader owns a ticket the manager created for them.
    const forReader = { queueId, createdById: manager.userId, ownerId: reader.userId };
    expect(canReadTicket(reader, forReader)).toBe(true);
    expect(canWriteTicket(reader, forReader)).toBe(false);

    expect(await codeOf(replyToTicket(deps, writer, { ticketId: t.id, body: "mine" }))).toBe("OK");
    const other = await ticket(manager, "Not the writer's");
    await expect(replyToTicket(deps, writer, { ticketId: other.id, body: "no" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const own = { queueId, createdById: writer.userId, ownerId: null };
    expect(canDeleteTicket(writer, own)).toBe(false);
    const deleter = await makeUser(deps, "agent", { queues: { [queueId]: "delete_own" } });
    expect(canDeleteTicket(deleter, { ...own, createdById: deleter.userId })).toBe(true);
    expect(canDeleteTicket(deleter, own)).toBe(false);
    expect(canDeleteTicket(manager, own)).toBe(true);
  });

  it("creating needs create or write on the queue; without it a clear access denied", async () => {
    const reader = await makeUser(deps, "agent", { queues: { [queueId]: "read_own" } });
    const creator = await makeUser(deps, "agent", { queues: { [queueId]: "create" } });
    await expect(ticket(reader, "Nope")).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/Access denied/) });
    const api = createCaller(testContext(deps, reader));
    await expect(api.ticket.create({ title: "Nope", queueId, customerEmail: "n@customer.test", body: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await ticket(creator, "Made")).createdById).toBe(creator.userId);
    // The creator owns it, so they read and answer it; nothing else in the queue.
    expect((await listTickets(deps.db, creator, { filter: "all", limit: 50 })).map((t) => t.title)).toEqual(["Made"]);
  });

  it("admins manage every queue without a level", async () => {
    const admin = await makeUser(deps, "admin");
    const writer = await makeUser(deps, "agent", { queues: { [queueId]: "write" } });
    const t = await ticket(writer, "Seen by admin");
    expect((await getTicketRow(deps.db, admin, t.id)).id).toBe(t.id);
  });
});

describe("back-office rights (A2)", () => {
  it("view only: reads the queue's tickets, cannot answer, change status or create", async () => {
    const manager = await makeUser(deps, "agent", { queues: { [queueId]: "manage" } });
    const viewer = await makeUser(deps, "backoffice", { queues: { [queueId]: "manage" }, rights: ["ticket.view"] });
    const t = await ticket(manager, "For the back office");
    expect((await getTicketRow(deps.db, viewer, t.id)).id).toBe(t.id);
    await expect(replyToTicket(deps, viewer, { ticketId: t.id, body: "no" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [solved] = await deps.db.select().from(statuses).where(and(eq(statuses.queueId, queueId), eq(statuses.category, "solved"))).orderBy(asc(statuses.id));
    await expect(changeStatus(deps, viewer, { ticketId: t.id, statusId: solved.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(ticket(viewer, "Nope")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("without view, nothing is listed even with manage on the queue", async () => {
    const blind = await makeUser(deps, "backoffice", { queues: { [queueId]: "manage" }, rights: ["ticket.update"] });
    expect(await listTickets(deps.db, blind, { filter: "all", limit: 50 })).toEqual([]);
  });

  it("update: answers and changes status where the level allows", async () => {
    const manager = await makeUser(deps, "agent", { queues: { [queueId]: "manage" } });
    const clerk = await makeUser(deps, "backoffice", { queues: { [queueId]: "manage" }, rights: ["ticket.view", "ticket.update"] });
    const t = await ticket(manager, "Clerk answers");
    expect(await codeOf(replyToTicket(deps, clerk, { ticketId: t.id, body: "done" }))).toBe("OK");
  });
});
