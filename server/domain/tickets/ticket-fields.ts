import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { queues, statuses, ticketEntries, ticketHistory, ticketLocks, tickets, users, type Ticket } from "../../../db/schema";
import type { Actor } from "../actor";
import { AppError, assertNotMerged, notFound } from "../errors";
import type { Deps, DomainEvent } from "../events";
import { involvedIn } from "../events";
import { MAX_PRIORITY, MAX_TAG_LENGTH, MAX_TAGS, MIN_PRIORITY } from "../mail/rules";
import { deliverNotified, notifyOwnerSet } from "../notifications/notifications";
import { assertCanWriteTicket, canCreateTicketIn, canReadTicket, canSeeQueue, loadUserActor } from "../permissions";
import { normalizeTags } from "./tags";
import { extraFieldChanges, type ExtraFieldsInput } from "./ticket-extra-fields";
import { coOwnersOf, replaceCoOwners, type CoOwnerInput } from "./ticket-owners";

/**
 * The ticket's own fields, edited in the ticket's edit form under its lock (C1, E1): title,
 * queue, owner, further owners with roles, priority, tags and the fields of
 * ticket-extra-fields.ts. Each change is written to the history and shown as a
 * system event in the timeline; a new owner is told ("assigned to you"). Moving a ticket to
 * another queue needs the right to create tickets there, and keeps its state: the status
 * becomes the new queue's first status of the same category.
 */

export interface TicketFieldsInput extends ExtraFieldsInput {
  ticketId: number;
  title?: string;
  queueId?: number;
  /** null: nobody owns it. */
  ownerId?: number | null;
  priority?: number;
  tags?: string[];
  /** Further owners with their ticket roles; replaces the current ones. */
  coOwners?: CoOwnerInput[];
}

function fieldError(field: keyof TicketFieldsInput, message: string): AppError {
  return new AppError("INVALID", message, { fieldErrors: { [field]: [message] } });
}

/** A user may own the ticket: active, allowed to own tickets (A4), and able to see the queue. */
async function ownerIsEligible(db: DbOrTx, userId: number, queueId: number): Promise<boolean> {
  const [u] = await db.select({ canOwnTickets: users.canOwnTickets }).from(users).where(eq(users.id, userId));
  const actor = u?.canOwnTickets ? await loadUserActor(db, userId) : null;
  return actor !== null && canSeeQueue(actor, queueId);
}

/** Who may be chosen as the ticket's owner (A4), by name, with a current out-of-office note (A6). */
export async function ownerOptions(db: DbOrTx, actor: Actor, ticketId: number): Promise<{ id: number; name: string; outOfOffice: string | null }[]> {
  const [t] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
  if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
  const candidates = await db
    .select({
      id: users.id, name: users.name,
      outOfOffice: sql<string | null>`case when ${users.outOfOfficeUntil} is null or ${users.outOfOfficeUntil} > now() then ${users.outOfOffice} end`,
    })
    .from(users)
    .where(and(eq(users.active, true), eq(users.canOwnTickets, true)))
    .orderBy(asc(users.name));
  const out: typeof candidates = [];
  for (const c of candidates) if (await ownerIsEligible(db, c.id, t.queueId)) out.push(c);
  return out;
}

/** Fields that decide, or may come to decide, who reads the ticket: a change re-checks its live readers. */
const readerFields = new Set(["queue", "owner", "coOwners", "confidential"]);

export async function updateTicketFields(deps: Deps, actor: Actor, input: TicketFieldsInput): Promise<Ticket> {
  const userId = actor.kind === "user" ? actor.userId : null;
  const result = await deps.db.transaction(async (tx) => {
    const [t] = await tx.select().from(tickets).where(eq(tickets.id, input.ticketId)).for("update");
    if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
    assertCanWriteTicket(actor, t);
    assertNotMerged(t);

    const changes: { field: string; from: string | null; to: string | null }[] = [];
    const set: Partial<typeof tickets.$inferInsert> = {};
    if (input.title !== undefined && input.title.trim() !== t.title) {
      const title = input.title.trim();
      if (!title) throw fieldError("title", "The subject is required");
      set.title = title;
      changes.push({ field: "title", from: t.title, to: title });
    }
    if (input.priority !== undefined && input.priority !== t.priority) {
      if (!Number.isInteger(input.priority) || input.priority < MIN_PRIORITY || input.priority > MAX_PRIORITY) {
        throw fieldError("priority", `A priority is from ${MIN_PRIORITY} to ${MAX_PRIORITY}`);
      }
      set.priority = input.priority;
      changes.push({ field: "priority", from: String(t.priority), to: String(input.priority) });
    }
    if (input.tags !== undefined) {
      const tags = normalizeTags(input.tags);
      if (tags.length > MAX_TAGS) throw fieldError("tags", `At most ${MAX_TAGS} tags`);
      const long = tags.find((tag) => tag.length > MAX_TAG_LENGTH);
      if (long) throw fieldError("tags", `A tag has at most ${MAX_TAG_LENGTH} characters: ${long.slice(0, 20)}…`);
      if (JSON.stringify(tags) !== JSON.stringify(t.tags)) {
        set.tags = tags;
        changes.push({ field: "tags", from: t.tags.join(", ") || null, to: tags.join(", ") || null });
      }
    }
    const queueId = input.queueId ?? t.queueId;
    if (queueId !== t.queueId) {
      if (!canCreateTicketIn(actor, queueId)) throw fieldError("queueId", "You may not move tickets into this queue");
      const [[from], [to]] = await Promise.all([
        tx.select({ name: queues.name }).from(queues).where(eq(queues.id, t.queueId)),
        tx.select({ name: queues.name }).from(queues).where(eq(queues.id, queueId)),
      ]);
      if (!to) throw fieldError("queueId", "Choose an existing queue");
      set.queueId = queueId;
      set.statusId = await sameCategoryStatus(tx, t.statusId, queueId);
      changes.push({ field: "queue", from: from?.name ?? null, to: to.name });
    }
    const ownerId = input.ownerId === undefined ? t.ownerId : input.ownerId;
    if (ownerId !== t.ownerId || (ownerId !== null && set.queueId !== undefined)) {
      if (ownerId !== null && !(await ownerIsEligible(tx, ownerId, queueId))) {
        throw fieldError("ownerId", "This person cannot own tickets in this queue");
      }
    }
    if (ownerId !== t.ownerId) {
      const names = await tx.select({ id: users.id, name: users.name }).from(users).where(sql`${users.id} in (${t.ownerId ?? -1}, ${ownerId ?? -1})`);
      const nameOf = (id: number | null) => names.find((n) => n.id === id)?.name ?? null;
      set.ownerId = ownerId;
      changes.push({ field: "owner", from: nameOf(t.ownerId), to: nameOf(ownerId) });
    }
    const extra = await extraFieldChanges(tx, t, input);
    Object.assign(set, extra.set);
    changes.push(...extra.changes);
    // A further owner who becomes the owner is no longer listed as a further owner.
    const coOwners = input.coOwners ?? (ownerId !== t.ownerId && ownerId !== null ? (await coOwnersOf(tx, [t.id])) : undefined);
    if (coOwners !== undefined) {
      const change = await replaceCoOwners(tx, { id: t.id, ownerId }, coOwners, (id) => ownerIsEligible(tx, id, queueId));
      if (change) changes.push(change);
    }
    if (changes.length === 0) {
      await releaseEditLock(tx, userId, t.id);
      return { before: t, ticket: t, entryId: null, notified: null, released: false, changed: [] };
    }

    const [updated] = await tx
      .update(tickets)
      .set({ ...set, version: sql`${tickets.version} + 1`, updatedAt: new Date() })
      .where(eq(tickets.id, t.id))
      .returning();
    await tx.insert(ticketHistory).values(changes.map((c) => ({ ticketId: t.id, actorUserId: userId, field: c.field, oldValue: c.from, newValue: c.to })));
    const [entry] = await tx
      .insert(ticketEntries)
      .values({
        ticketId: t.id, kind: "system_event", authorUserId: userId,
        bodyText: changes.map((c) => `${c.field}: ${c.from ?? "—"} → ${c.to ?? "—"}`).join("\n"),
        meta: { changes },
      })
      .returning({ id: ticketEntries.id });
    const notified = updated.ownerId !== null && updated.ownerId !== t.ownerId
      ? await notifyOwnerSet({ ...deps, tx }, { ticketId: t.id, ownerUserId: updated.ownerId, byUserId: userId })
      : null;
    const released = await releaseEditLock(tx, userId, t.id);
    return { before: t, ticket: updated, entryId: entry.id, notified, released, changed: changes.map((c) => c.field) };
  });

  const { before, ticket } = result;
  const events: DomainEvent[] = [];
  // Both queues' lists hear of it: the old one drops the ticket, the new one gains it.
  for (const queueId of new Set([before.queueId, ticket.queueId])) {
    const involved = [...new Set([...involvedIn(before), ...involvedIn(ticket)])];
    if (result.entryId) events.push({ type: "entry.created", ticketId: ticket.id, queueId, entryId: result.entryId, involved });
    if (result.entryId) events.push({ type: "ticket.changed", ticketId: ticket.id, queueId, version: ticket.version, involved });
    if (result.released) events.push({ type: "lock.changed", ticketId: ticket.id, queueId, lock: null, involved });
  }
  if (result.changed.some((field) => readerFields.has(field))) events.push({ type: "ticket.access.changed", ticketId: ticket.id });
  if (events.length) deps.publish(events);
  if (result.notified) await deliverNotified(deps, result.notified);
  return ticket;
}

/**
 * The new queue's first status of the same category (else its first "new" one). Used when a
 * ticket moves to another queue, here and when an admin deletes a queue (config/queues.ts).
 */
export async function sameCategoryStatus(tx: DbOrTx, statusId: number, queueId: number): Promise<number> {
  const [current] = await tx.select({ category: statuses.category }).from(statuses).where(eq(statuses.id, statusId));
  const rows = await tx.select().from(statuses).where(eq(statuses.queueId, queueId)).orderBy(asc(statuses.position), asc(statuses.id));
  const match = rows.find((s) => s.category === current?.category) ?? rows.find((s) => s.category === "new") ?? rows[0];
  if (!match) throw fieldError("queueId", "This queue has no statuses");
  return match.id;
}

/** Saving (or saving nothing) ends the edit: the editor's lock is given back. */
async function releaseEditLock(tx: DbOrTx, userId: number | null, ticketId: number): Promise<boolean> {
  if (userId === null) return false;
  const gone = await tx
    .delete(ticketLocks)
    .where(and(eq(ticketLocks.ticketId, ticketId), eq(ticketLocks.userId, userId)))
    .returning({ ticketId: ticketLocks.ticketId });
  return gone.length > 0;
}
