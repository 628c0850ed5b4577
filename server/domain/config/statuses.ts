import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { queues, statusCategory, statuses, statusGroups, tickets, type Status, type StatusCategory } from "../../../db/schema";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import { AppError, conflict, notFound } from "../errors";
import type { Deps } from "../events";
import { assertAdmin } from "../permissions";
import { assertNoMailReferences, moveTickets } from "./in-use";
import { configFieldError, moveInList, nextPosition, optionalText, progressOf, requiredName, withUniqueName, type MoveDirection } from "./shared";

/**
 * The statuses of each queue (B2): English and German name, a state category (new, open,
 * pending, solved, closed) that drives the filters, a progress of 0–100 % for the progress
 * bar, and at most one status group (B3). Built-in statuses are neither edited nor deleted.
 * A status with tickets is deleted only after they moved to another status of the queue.
 * Every queue keeps a "new" status (new tickets start there); saving so that no status is
 * "closed" needs `confirmNoClosed`, since the queue's tickets could then never be closed.
 */

export const statusCategories = statusCategory.enumValues;

export interface StatusInput {
  name: string;
  nameDe: string | null;
  category: StatusCategory;
  progress: number;
  groupId: number | null;
  /** A7: roles it is hidden from (none when left out). */
  hiddenForRoles?: ("agent" | "backoffice")[];
}

export interface StatusConfig extends StatusInput {
  id: number;
  queueId: number;
  position: number;
  builtIn: boolean;
  ticketCount: number;
}

const byPosition = [asc(statuses.position), asc(statuses.id)] as const;

const snapshot = (s: Status) => ({
  name: s.name, nameDe: s.nameDe, category: s.category, progress: s.progress, groupId: s.groupId, hiddenForRoles: s.hiddenForRoles,
});
const toConfig = (s: Status, ticketCount: number): StatusConfig => ({
  id: s.id, queueId: s.queueId, position: s.position, builtIn: s.builtIn, ...snapshot(s), ticketCount,
});
const duplicate = (name: string, queue: string) => `The queue “${queue}” already has a status named “${name}”`;

async function checked(tx: DbOrTx, input: StatusInput): Promise<StatusInput> {
  const values = {
    name: requiredName(input.name),
    nameDe: optionalText(input.nameDe, "nameDe"),
    category: input.category,
    progress: progressOf(input.progress),
    groupId: input.groupId ?? null,
    hiddenForRoles: [...new Set(input.hiddenForRoles ?? [])].filter((r) => r === "agent" || r === "backoffice").sort(),
  };
  if (!statusCategories.includes(values.category)) throw configFieldError("category", "Choose new, open, pending, solved or closed");
  if (values.groupId !== null) {
    const [g] = await tx.select({ id: statusGroups.id }).from(statusGroups).where(eq(statusGroups.id, values.groupId));
    if (!g) throw configFieldError("groupId", "Choose an existing status group");
  }
  return values;
}

async function loadQueue(tx: DbOrTx, queueId: number): Promise<{ id: number; name: string }> {
  // Locked, so two admins changing one queue's statuses take turns and the category rules hold.
  const [q] = await tx.select({ id: queues.id, name: queues.name }).from(queues).where(eq(queues.id, queueId)).for("update");
  if (!q) throw notFound("Queue");
  return q;
}

async function loadStatus(tx: DbOrTx, statusId: number): Promise<Status> {
  const [s] = await tx.select().from(statuses).where(eq(statuses.id, statusId));
  if (!s) throw notFound("Status");
  return s;
}

async function assertNameFree(tx: DbOrTx, queue: { id: number; name: string }, name: string, exceptId?: number): Promise<void> {
  const [other] = await tx
    .select({ name: statuses.name })
    .from(statuses)
    .where(and(eq(statuses.queueId, queue.id), sql`lower(${statuses.name}) = lower(${name})`, exceptId === undefined ? undefined : ne(statuses.id, exceptId)));
  if (other) throw configFieldError("name", duplicate(other.name, queue.name));
}

/**
 * The category rules for a queue's statuses after a change: a "new" status must remain; no
 * "closed" one only with the admin's confirmation.
 */
export function checkCategories(queueName: string, after: readonly StatusCategory[], confirmNoClosed: boolean, field = "category"): void {
  if (!after.includes("new")) {
    throw configFieldError(field, `The queue “${queueName}” needs a status in the category “new”: new tickets start there`);
  }
  if (!after.includes("closed") && !confirmNoClosed) {
    throw configFieldError(
      "confirmNoClosed",
      `No status of the queue “${queueName}” would be in the category “closed”, so its tickets could never be closed. Save anyway?`,
    );
  }
}

async function categoriesAfter(tx: DbOrTx, queueId: number, change: { id?: number; category?: StatusCategory; removed?: boolean }) {
  const rows = await tx.select({ id: statuses.id, category: statuses.category }).from(statuses).where(eq(statuses.queueId, queueId));
  const out = rows.filter((r) => !(change.removed && r.id === change.id)).map((r) => (r.id === change.id && change.category ? change.category : r.category));
  if (change.id === undefined && change.category) out.push(change.category);
  return out;
}

async function ticketCount(tx: DbOrTx, statusId: number): Promise<number> {
  const [{ n }] = await tx.select({ n: count() }).from(tickets).where(eq(tickets.statusId, statusId));
  return n;
}

/** A queue's statuses in order, each with its ticket count (admins). */
export async function listStatuses(db: DbOrTx, actor: Actor, queueId: number): Promise<StatusConfig[]> {
  assertAdmin(actor);
  const [[q], rows, counts] = await Promise.all([
    db.select({ id: queues.id }).from(queues).where(eq(queues.id, queueId)),
    db.select().from(statuses).where(eq(statuses.queueId, queueId)).orderBy(...byPosition),
    db.select({ statusId: tickets.statusId, n: count() }).from(tickets).where(eq(tickets.queueId, queueId)).groupBy(tickets.statusId),
  ]);
  if (!q) throw notFound("Queue");
  const byStatus = new Map(counts.map((c) => [c.statusId, c.n]));
  return rows.map((s) => toConfig(s, byStatus.get(s.id) ?? 0));
}

/** A new status at the end of the queue's list; never built in. */
export async function createStatus(
  db: DbOrTx,
  actor: Actor,
  input: StatusInput & { queueId: number; confirmNoClosed?: boolean },
): Promise<StatusConfig> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const queue = await loadQueue(tx, input.queueId);
    const values = await checked(tx, input);
    await assertNameFree(tx, queue, values.name);
    checkCategories(queue.name, await categoriesAfter(tx, queue.id, { category: values.category }), input.confirmNoClosed === true);
    const position = await nextPosition(tx, statuses, statuses.position, eq(statuses.queueId, queue.id));
    const [s] = await withUniqueName(
      () => tx.insert(statuses).values({ ...values, queueId: queue.id, position, builtIn: false }).returning(),
      duplicate(values.name, queue.name),
    );
    await recordAudit(tx, actor, { entity: "status", entityId: s.id, label: `${queue.name}: ${s.name}`, before: null, after: snapshot(s) });
    return toConfig(s, 0);
  });
}

export async function updateStatus(
  db: DbOrTx,
  actor: Actor,
  statusId: number,
  input: StatusInput & { confirmNoClosed?: boolean },
): Promise<StatusConfig> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const existing = await loadStatus(tx, statusId);
    const queue = await loadQueue(tx, existing.queueId);
    if (existing.builtIn) throw conflict(`“${existing.name}” is built in and cannot be changed`);
    const values = await checked(tx, input);
    await assertNameFree(tx, queue, values.name, statusId);
    checkCategories(queue.name, await categoriesAfter(tx, queue.id, { id: statusId, category: values.category }), input.confirmNoClosed === true);
    const [s] = await tx.update(statuses).set(values).where(eq(statuses.id, statusId)).returning();
    await recordAudit(tx, actor, { entity: "status", entityId: s.id, label: `${queue.name}: ${s.name}`, before: snapshot(existing), after: snapshot(s) });
    return toConfig(s, await ticketCount(tx, s.id));
  });
}

/** Moves a status one place up or down its queue's list (built-in ones too: the order is the list's). */
export async function moveStatus(db: DbOrTx, actor: Actor, statusId: number, direction: MoveDirection): Promise<number[]> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const status = await loadStatus(tx, statusId);
    const queue = await loadQueue(tx, status.queueId);
    const rows = await tx.select({ id: statuses.id, name: statuses.name }).from(statuses).where(eq(statuses.queueId, queue.id)).orderBy(...byPosition);
    const next = await moveInList(tx, actor, { rows, id: statusId, direction, entity: "status", label: `${queue.name}: order` }, (id, position) =>
      tx.update(statuses).set({ position }).where(eq(statuses.id, id)),
    );
    return next!;
  });
}

export interface DeleteStatusInput {
  statusId: number;
  /** Another status of the same queue its tickets move to; without it, a status in use is not deleted. */
  moveTicketsTo?: number | null;
  confirmNoClosed?: boolean;
}

/**
 * Deletes a status that is not built in. One with tickets is refused with their count unless
 * they move to another status of the queue first (same transaction).
 */
export async function deleteStatus(
  deps: Pick<Deps, "db" | "publish">,
  actor: Actor,
  input: DeleteStatusInput,
): Promise<{ movedTickets: number }> {
  assertAdmin(actor);
  const result = await deps.db.transaction(async (tx) => {
    const status = await loadStatus(tx, input.statusId);
    const queue = await loadQueue(tx, status.queueId);
    if (status.builtIn) throw conflict(`“${status.name}” is built in and cannot be deleted`);
    checkCategories(queue.name, await categoriesAfter(tx, queue.id, { id: status.id, removed: true }), input.confirmNoClosed === true);
    await assertNoMailReferences(tx, `The status “${status.name}”`, { statusIds: [status.id] });
    const n = await ticketCount(tx, status.id);
    let moved = { count: 0, events: [] as Awaited<ReturnType<typeof moveTickets>>["events"] };
    let targetName: string | null = null;
    if (n > 0) {
      if (input.moveTicketsTo == null) {
        throw new AppError(
          "CONFLICT",
          `The status “${status.name}” is used by ${n === 1 ? "1 ticket" : `${n} tickets`}; move ${n === 1 ? "it" : "them"} to another status first`,
          { ticketCount: n },
        );
      }
      const [target] = await tx.select().from(statuses).where(eq(statuses.id, input.moveTicketsTo));
      if (!target || target.queueId !== queue.id || target.id === status.id) {
        throw configFieldError("moveTicketsTo", `Choose another status of the queue “${queue.name}”`);
      }
      targetName = target.name;
      moved = await moveTickets(tx, actor, eq(tickets.statusId, status.id), { statusId: target.id }, [
        { field: "status", from: status.name, to: target.name },
      ]);
    }
    await tx.delete(statuses).where(eq(statuses.id, status.id));
    await recordAudit(tx, actor, {
      entity: "status", entityId: status.id, label: `${queue.name}: ${status.name}`,
      before: { ...snapshot(status), ...(targetName ? { ticketsMovedTo: targetName, movedTickets: moved.count } : {}) },
      after: null,
    });
    return moved;
  });
  if (result.events.length) deps.publish(result.events);
  return { movedTickets: result.count };
}
