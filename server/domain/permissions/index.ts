import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { tickets, type QueueAccessLevel, type StaffRight } from "../../../db/schema";
import type { Actor, UserActor } from "../actor";
import { forbidden } from "../errors";

/**
 * The one place that decides access (A1–A3). tRPC procedures, the Socket.IO gateway, the
 * worker and the list queries all ask these functions; no rule is written anywhere else.
 *
 * - Admins manage every queue and may do everything.
 * - Agents and back-office users have a level per queue: read own < create = write <
 *   delete own < manage. Below manage they see only their own tickets (created or owned).
 * - Back-office users do with tickets only what their rights allow (A2).
 * - The system (worker, ingest, jobs) may do everything.
 */

const rank: Record<QueueAccessLevel, number> = { read_own: 1, create: 2, write: 2, delete_own: 3, manage: 4 };

/** What the checks need of a ticket: its queue and who it belongs to. */
export interface TicketAccess {
  queueId: number;
  createdById: number | null;
  ownerId: number | null;
}

/** Spread into a select on `tickets` to get what `canReadTicket` and friends need. */
export const ticketAccessColumns = { queueId: tickets.queueId, createdById: tickets.createdById, ownerId: tickets.ownerId };

export function isStaff(actor: Actor | null): actor is UserActor {
  return actor?.kind === "user";
}

export function isAdmin(actor: Actor | null): boolean {
  return actor?.kind === "user" && actor.role === "admin";
}

/** The actor's level on a queue, or null when the queue does not exist for them. */
export function queueLevel(actor: Actor, queueId: number): QueueAccessLevel | null {
  if (actor.kind === "system" || actor.role === "admin") return "manage";
  return actor.queues[queueId] ?? null;
}

function atLeast(actor: Actor, queueId: number, level: QueueAccessLevel): boolean {
  const l = queueLevel(actor, queueId);
  return l !== null && rank[l] >= rank[level];
}

export function hasRight(actor: Actor, right: StaffRight): boolean {
  return actor.kind === "system" || actor.role !== "backoffice" || actor.rights.includes(right);
}

/** The queue shows up for the actor at all (with at least their own tickets in it). */
export function canSeeQueue(actor: Actor, queueId: number): boolean {
  return queueLevel(actor, queueId) !== null && hasRight(actor, "ticket.view");
}

/** An agent of the queue: sees all its tickets, answers and changes them (the queue's live room). */
export function managesQueue(actor: Actor, queueId: number): boolean {
  return atLeast(actor, queueId, "manage") && hasRight(actor, "ticket.view");
}

export function isOwnTicket(actor: Actor, t: TicketAccess): boolean {
  return actor.kind === "user" && (t.createdById === actor.userId || t.ownerId === actor.userId);
}

export function canReadTicket(actor: Actor, t: TicketAccess): boolean {
  if (!canSeeQueue(actor, t.queueId)) return false;
  return managesQueue(actor, t.queueId) || isOwnTicket(actor, t);
}

/** Answer, comment, change status, take the lock. */
export function canWriteTicket(actor: Actor, t: TicketAccess): boolean {
  if (!canReadTicket(actor, t) || !hasRight(actor, "ticket.update")) return false;
  return managesQueue(actor, t.queueId) || atLeast(actor, t.queueId, "write");
}

export function canDeleteTicket(actor: Actor, t: TicketAccess): boolean {
  if (!canReadTicket(actor, t) || !hasRight(actor, "ticket.delete")) return false;
  return managesQueue(actor, t.queueId) || atLeast(actor, t.queueId, "delete_own");
}

/** A7: a status hidden from the user's role is neither offered nor settable; admins and the system see all. */
export function canUseStatus(actor: Actor, status: { hiddenForRoles: readonly string[] }): boolean {
  return actor.kind === "system" || actor.role === "admin" || !status.hiddenForRoles.includes(actor.role);
}

/** A3: creating a ticket needs at least create/write on its queue. */
export function canCreateTicketIn(actor: Actor, queueId: number): boolean {
  return atLeast(actor, queueId, "create") && hasRight(actor, "ticket.create");
}

/** Queues the actor may create tickets in; none means "access denied" for creating. */
export function creatableQueueIds(actor: UserActor, allQueueIds: readonly number[]): number[] {
  return allQueueIds.filter((id) => canCreateTicketIn(actor, id));
}

/**
 * The tickets an actor may read, as a condition on `tickets` for list queries, so filtering
 * happens in SQL and not after loading. `undefined`: no restriction.
 */
export function readableTicketsWhere(actor: Actor): SQL | undefined {
  if (actor.kind === "system" || actor.role === "admin") return undefined;
  if (!hasRight(actor, "ticket.view")) return sql`false`;
  const levels = Object.entries(actor.queues);
  const managed = levels.filter(([, l]) => l === "manage").map(([id]) => Number(id));
  const ownOnly = levels.filter(([, l]) => l !== "manage").map(([id]) => Number(id));
  const mine = or(eq(tickets.createdById, actor.userId), eq(tickets.ownerId, actor.userId));
  const parts = [
    managed.length ? inArray(tickets.queueId, managed) : undefined,
    ownOnly.length ? and(inArray(tickets.queueId, ownOnly), mine) : undefined,
  ].filter((p): p is SQL => p !== undefined);
  return parts.length ? or(...parts) : sql`false`;
}

export function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden("Only administrators may do this");
}

export function assertCanWriteTicket(actor: Actor, t: TicketAccess): void {
  if (!canWriteTicket(actor, t)) throw forbidden("You may not change this ticket");
}

export function assertCanCreateTicketIn(actor: Actor, queueId: number): void {
  if (!canCreateTicketIn(actor, queueId)) throw forbidden("Access denied: you may not create tickets in this queue");
}

export { loadUserActor } from "./load-actor";
