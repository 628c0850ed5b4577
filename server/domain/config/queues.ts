import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { defaultStatuses } from "../../../db/seed";
import { queues, statuses, tickets, type Queue } from "../../../db/schema";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import { AppError, conflict, notFound } from "../errors";
import type { Deps, DomainEvent } from "../events";
import { assertAdmin, canSeeQueue } from "../permissions";
import { sameCategoryStatus } from "../tickets/ticket-fields";
import { assertNoMailReferences, moveTickets } from "./in-use";
import {
  configFieldError, moveInList, nextPosition, optionalText, QUEUE_DESCRIPTION_MAX, QUEUE_GROUP_MAX, requiredName, withUniqueName, type MoveDirection,
} from "./shared";

/**
 * Queues as admins configure them (B1): the English name (required, unique regardless of
 * case), a German name, a group they are listed under, a description shown as a hover hint
 * where a queue is picked, and whether customers see each other's tickets. A new queue gets
 * the default statuses and is visible to nobody but admins until an admin grants access on
 * the users page. A queue with tickets is deleted only after its tickets moved to another
 * queue (each keeps its state: the status becomes the target's first of the same category).
 * The per-queue mail settings stay in ../queues.ts.
 */

export interface QueueConfigInput {
  name: string;
  nameDe: string | null;
  groupName: string | null;
  description: string | null;
  customersSeeEachOther: boolean;
  /** Issue 12.1: an agent's first reply on an unowned ticket makes them its owner. */
  ownerOnFirstReply?: boolean;
  /** Issue 12.1: a customer's answer reopens a pending/solved ticket within these days, else opens a follow-up. */
  reopenWithinDays?: number;
}

export interface QueueConfig extends QueueConfigInput {
  id: number;
  position: number;
  /** Tickets in the queue, of every state. */
  ticketCount: number;
}

/** What a queue picker shows: the names, the group heading and the hover hint. */
export interface QueueOption {
  id: number;
  name: string;
  nameDe: string | null;
  groupName: string | null;
  description: string | null;
}

const byPosition = [asc(queues.position), asc(queues.id)] as const;

const snapshot = (q: Queue) => ({
  name: q.name, nameDe: q.nameDe, groupName: q.groupName, description: q.description, customersSeeEachOther: q.customersSeeEachOther,
  ownerOnFirstReply: q.ownerOnFirstReply, reopenWithinDays: q.reopenWithinDays,
});

function checked(input: QueueConfigInput): QueueConfigInput {
  return {
    name: requiredName(input.name),
    nameDe: optionalText(input.nameDe, "nameDe"),
    groupName: optionalText(input.groupName, "groupName", QUEUE_GROUP_MAX),
    description: optionalText(input.description, "description", QUEUE_DESCRIPTION_MAX),
    customersSeeEachOther: input.customersSeeEachOther === true,
    ownerOnFirstReply: input.ownerOnFirstReply !== false,
    reopenWithinDays: reopenDays(input.reopenWithinDays),
  };
}

export const REOPEN_DAYS_MAX = 365;

function reopenDays(days: number | undefined): number {
  if (days === undefined) return 14;
  if (!Number.isInteger(days) || days < 0 || days > REOPEN_DAYS_MAX) {
    throw configFieldError("reopenWithinDays", `Whole days from 0 to ${REOPEN_DAYS_MAX}`);
  }
  return days;
}

const duplicate = (name: string) => `There is already a queue named “${name}”`;

async function assertNameFree(tx: DbOrTx, name: string, exceptId?: number): Promise<void> {
  const [other] = await tx
    .select({ name: queues.name })
    .from(queues)
    .where(and(sql`lower(${queues.name}) = lower(${name})`, exceptId === undefined ? undefined : ne(queues.id, exceptId)));
  if (other) throw configFieldError("name", duplicate(other.name));
}

async function ticketCounts(db: DbOrTx): Promise<Map<number, number>> {
  const rows = await db.select({ queueId: tickets.queueId, n: count() }).from(tickets).groupBy(tickets.queueId);
  return new Map(rows.map((r) => [r.queueId, r.n]));
}

const toConfig = (q: Queue, ticketCount: number): QueueConfig => ({ id: q.id, position: q.position, ...snapshot(q), ticketCount });

/** Every queue in order, with its ticket count (admins). */
export async function listQueueConfig(db: DbOrTx, actor: Actor): Promise<QueueConfig[]> {
  assertAdmin(actor);
  const [rows, counts] = await Promise.all([db.select().from(queues).orderBy(...byPosition), ticketCounts(db)]);
  return rows.map((q) => toConfig(q, counts.get(q.id) ?? 0));
}

/** The queues the actor sees, in order, for pickers and filters (names, group, hover hint). */
export async function listQueueOptions(db: DbOrTx, actor: Actor): Promise<QueueOption[]> {
  const rows = await db
    .select({ id: queues.id, name: queues.name, nameDe: queues.nameDe, groupName: queues.groupName, description: queues.description })
    .from(queues)
    .orderBy(...byPosition);
  return rows.filter((q) => canSeeQueue(actor, q.id));
}

/** A new queue at the end of the list, with the default statuses; nobody but admins sees it yet. */
export async function createQueue(db: DbOrTx, actor: Actor, input: QueueConfigInput): Promise<QueueConfig> {
  assertAdmin(actor);
  const values = checked(input);
  return withUniqueName(
    () =>
      db.transaction(async (tx) => {
        await assertNameFree(tx, values.name);
        const position = await nextPosition(tx, queues, queues.position);
        const [q] = await tx.insert(queues).values({ ...values, position }).returning();
        await tx.insert(statuses).values(defaultStatuses.map((s, i) => ({ ...s, queueId: q.id, position: i })));
        await recordAudit(tx, actor, {
          entity: "queue", entityId: q.id, label: q.name, before: null,
          after: { ...snapshot(q), statuses: defaultStatuses.map((s) => s.name) },
        });
        return toConfig(q, 0);
      }),
    duplicate(values.name),
  );
}

export async function updateQueue(db: DbOrTx, actor: Actor, queueId: number, input: QueueConfigInput): Promise<QueueConfig> {
  assertAdmin(actor);
  const values = checked(input);
  return withUniqueName(
    () =>
      db.transaction(async (tx) => {
        const [existing] = await tx.select().from(queues).where(eq(queues.id, queueId)).for("update");
        if (!existing) throw notFound("Queue");
        await assertNameFree(tx, values.name, queueId);
        const [q] = await tx.update(queues).set(values).where(eq(queues.id, queueId)).returning();
        await recordAudit(tx, actor, { entity: "queue", entityId: q.id, label: q.name, before: snapshot(existing), after: snapshot(q) });
        const [{ n }] = await tx.select({ n: count() }).from(tickets).where(eq(tickets.queueId, queueId));
        return toConfig(q, n);
      }),
    duplicate(values.name),
  );
}

/** Moves a queue one place up or down the list; at either end it stays. Returns the new order of ids. */
export async function moveQueue(db: DbOrTx, actor: Actor, queueId: number, direction: MoveDirection): Promise<number[]> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const rows = await tx.select({ id: queues.id, name: queues.name }).from(queues).orderBy(...byPosition).for("update");
    const next = await moveInList(tx, actor, { rows, id: queueId, direction, entity: "queue", label: "order" }, (id, position) =>
      tx.update(queues).set({ position }).where(eq(queues.id, id)),
    );
    if (!next) throw notFound("Queue");
    return next;
  });
}

export interface DeleteQueueInput {
  queueId: number;
  /** Move the queue's tickets here first; without it, a queue with tickets is not deleted. */
  moveTicketsTo?: number | null;
}

/**
 * Deletes a queue with its statuses and everyone's access to it. A queue with tickets is
 * refused with their count, unless they are moved to another queue first (in the same
 * transaction). Mail accounts and rules that send tickets to it must be changed first.
 */
export async function deleteQueue(
  deps: Pick<Deps, "db" | "publish">,
  actor: Actor,
  input: DeleteQueueInput,
): Promise<{ movedTickets: number }> {
  assertAdmin(actor);
  const result = await deps.db.transaction(async (tx) => {
    const [q] = await tx.select().from(queues).where(eq(queues.id, input.queueId)).for("update");
    if (!q) throw notFound("Queue");
    const [{ others }] = await tx.select({ others: count() }).from(queues).where(ne(queues.id, q.id));
    if (others === 0) throw conflict("The last queue cannot be deleted: mail needs a queue to arrive in");
    const own = await tx.select({ id: statuses.id, name: statuses.name }).from(statuses).where(eq(statuses.queueId, q.id));
    await assertNoMailReferences(tx, `The queue “${q.name}”`, { queueId: q.id, statusIds: own.map((s) => s.id) });
    const [{ n }] = await tx.select({ n: count() }).from(tickets).where(eq(tickets.queueId, q.id));

    let moved = 0;
    const events: DomainEvent[] = [];
    let target: Queue | undefined;
    if (n > 0) {
      if (input.moveTicketsTo == null) {
        throw new AppError(
          "CONFLICT",
          `The queue “${q.name}” has ${n === 1 ? "1 ticket" : `${n} tickets`}; move ${n === 1 ? "it" : "them"} to another queue first`,
          { ticketCount: n },
        );
      }
      if (input.moveTicketsTo === q.id) throw configFieldError("moveTicketsTo", "Choose another queue to move the tickets to");
      [target] = await tx.select().from(queues).where(eq(queues.id, input.moveTicketsTo)).for("update");
      if (!target) throw configFieldError("moveTicketsTo", "Choose an existing queue to move the tickets to");
      const used = await tx.selectDistinct({ statusId: tickets.statusId }).from(tickets).where(eq(tickets.queueId, q.id));
      const targetStatuses = await tx.select({ id: statuses.id, name: statuses.name }).from(statuses).where(eq(statuses.queueId, target.id));
      // Each state keeps its category: the target's first status of the same category.
      for (const { statusId } of used) {
        const to = await sameCategoryStatus(tx, statusId, target.id);
        const r = await moveTickets(tx, actor, and(eq(tickets.queueId, q.id), eq(tickets.statusId, statusId))!, { queueId: target.id, statusId: to }, [
          { field: "queue", from: q.name, to: target.name },
          { field: "status", from: own.find((s) => s.id === statusId)?.name ?? null, to: targetStatuses.find((s) => s.id === to)?.name ?? null },
        ]);
        moved += r.count;
        events.push(...r.events);
      }
    }
    await tx.delete(queues).where(eq(queues.id, q.id));
    await recordAudit(tx, actor, {
      entity: "queue", entityId: q.id, label: q.name,
      before: { ...snapshot(q), statuses: own.map((s) => s.name), ...(moved ? { ticketsMovedTo: target!.name, movedTickets: moved } : {}) },
      after: null,
    });
    return { moved, events };
  });
  if (result.events.length) deps.publish(result.events);
  return { movedTickets: result.moved };
}
