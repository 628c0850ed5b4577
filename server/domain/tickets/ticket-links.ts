import { and, asc, desc, eq, ilike, isNull, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { statuses, ticketEntries, tickets, type StatusCategory } from "../../../db/schema";
import { isDone } from "../../../lib/status-progress";
import type { Actor } from "../actor";
import { AppError, notFound, refused } from "../errors";
import type { Deps, DomainEvent } from "../events";
import { involvedIn } from "../events";
import {
  assertCanCreateTicketIn, assertCanWriteTicket, canCreateTicketIn, canDeleteTicket, canReadTicket, canWriteTicket, readableTicketsWhere, ticketAccessColumns,
} from "../permissions";
import { initialStatusId } from "./tickets";
import { recordStructureChange } from "./ticket-structure-events";
import { addWatchers } from "./watchers";

/**
 * Parent and child tickets (C6): any depth, never a cycle. The actor needs the write right
 * on the child and must be able to read the parent. Each change is written to both tickets'
 * history and timelines (ticket-structure-events.ts) and announced live.
 */

const linkColumns = {
  id: tickets.id,
  number: tickets.number,
  title: tickets.title,
  statusName: statuses.name,
  statusNameDe: statuses.nameDe,
  statusCategory: statuses.category,
  mergedIntoId: tickets.mergedIntoId,
  ...ticketAccessColumns,
};

type LinkRow = { id: number; number: number; title: string; statusName: string; statusNameDe: string | null; statusCategory: StatusCategory };
const publicLink = ({ id, number, title, statusName, statusNameDe, statusCategory }: LinkRow) => ({ id, number, title, statusName, statusNameDe, statusCategory });

async function lockedTicket(tx: DbOrTx, actor: Actor, ticketId: number) {
  const [t] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for("update");
  if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
  return t;
}

/**
 * True when `ancestorId` is `ticketId` itself or one of its ancestors: a recursive walk up
 * the parent chain (UNION stops at a cycle that should not exist, rather than looping).
 */
export async function isSelfOrAncestor(db: DbOrTx, ancestorId: number, ticketId: number): Promise<boolean> {
  const rows = await db.execute<{ found: boolean }>(sql`
    with recursive up(id, parent_id) as (
      select id, parent_id from ${tickets} where id = ${ticketId}
      union
      select t.id, t.parent_id from ${tickets} t join up on t.id = up.parent_id
    )
    select exists(select 1 from up where id = ${ancestorId}) as found`);
  return Boolean(rows[0]?.found);
}

/** The ticket's parent, readable children with their progress, the ticket it was merged into, and what the actor may do. */
export async function ticketStructure(db: DbOrTx, actor: Actor, ticketId: number) {
  const [t] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
  if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
  const base = () => db.select(linkColumns).from(tickets).innerJoin(statuses, eq(statuses.id, tickets.statusId));
  const [parentRows, childRows, mergedRows] = await Promise.all([
    t.parentId ? base().where(eq(tickets.id, t.parentId)) : [],
    base().where(eq(tickets.parentId, t.id)).orderBy(asc(tickets.number)),
    t.mergedIntoId ? db.select({ id: tickets.id, number: tickets.number, ...ticketAccessColumns }).from(tickets).where(eq(tickets.id, t.mergedIntoId)) : [],
  ]);
  const parent = parentRows[0];
  const children = childRows.filter((c) => canReadTicket(actor, c)).map(publicLink);
  const merged = mergedRows[0];
  return {
    id: t.id,
    number: t.number,
    title: t.title,
    // A parent the actor may not read is named by number only, without a link.
    parent: parent ? (canReadTicket(actor, parent) ? { ...publicLink(parent), readable: true as const } : { id: null, number: parent.number, readable: false as const }) : null,
    children,
    childrenDone: children.filter((c) => isDone(c.statusCategory)).length,
    mergedInto: merged ? { id: canReadTicket(actor, merged) ? merged.id : null, number: merged.number } : null,
    canWrite: canWriteTicket(actor, t),
    /** Copying and new children make tickets in this queue. */
    canCreate: canCreateTicketIn(actor, t.queueId),
    canDelete: canDeleteTicket(actor, t),
  };
}

/** Tickets to link or merge with: by number (with or without "#") or title, among those the actor may read. */
export async function searchTicketsToLink(db: DbOrTx, actor: Actor, input: { ticketId: number; query: string }) {
  const [self] = await db.select(ticketAccessColumns).from(tickets).where(eq(tickets.id, input.ticketId));
  if (!self || !canReadTicket(actor, self)) throw notFound("Ticket");
  const q = input.query.trim();
  const number = /^#?\d+$/.test(q) ? Number(q.replace("#", "")) : null;
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const match = number !== null && Number.isSafeInteger(number) ? or(eq(tickets.number, number), ilike(tickets.title, `%${escaped}%`)) : ilike(tickets.title, `%${escaped}%`);
  const rows = await db
    .select(linkColumns)
    .from(tickets)
    .innerJoin(statuses, eq(statuses.id, tickets.statusId))
    .where(and(readableTicketsWhere(actor), ne(tickets.id, input.ticketId), isNull(tickets.mergedIntoId), match))
    .orderBy(number !== null ? sql`${tickets.number} = ${number} desc` : asc(tickets.id), desc(tickets.lastEntryAt))
    .limit(10);
  return rows.map(publicLink);
}

/** Makes `parentId` the parent of `ticketId`; refused when that would make a cycle. */
export async function setParent(deps: Deps, actor: Actor, input: { ticketId: number; parentId: number }) {
  const userId = actor.kind === "user" ? actor.userId : null;
  if (input.ticketId === input.parentId) throw refused("INVALID", "A ticket cannot be its own parent", { key: "errors.ownParent" });
  const events = await deps.db.transaction(async (tx) => {
    // Locked in id order, so two links made at once between the same tickets cannot deadlock.
    const [first, second] = [input.ticketId, input.parentId].sort((a, b) => a - b);
    const locked = [await lockedTicket(tx, actor, first), await lockedTicket(tx, actor, second)];
    const child = locked.find((t) => t.id === input.ticketId)!;
    const parent = locked.find((t) => t.id === input.parentId)!;
    assertCanWriteTicket(actor, child);
    if (child.mergedIntoId !== null || parent.mergedIntoId !== null) throw refused("INVALID", "A merged ticket cannot be linked", { key: "errors.mergedLink" });
    if (child.parentId === parent.id) return [];
    if (await isSelfOrAncestor(tx, child.id, parent.id)) {
      throw refused("INVALID", `#${parent.number} is a child of #${child.number} (or further down): linking would make a cycle`, { key: "errors.linkCycle", params: { parent: parent.number, child: child.number } });
    }
    const out: DomainEvent[] = [];
    const [old] = child.parentId ? await tx.select({ id: tickets.id, number: tickets.number }).from(tickets).where(eq(tickets.id, child.parentId)) : [];
    await tx.update(tickets).set({ parentId: parent.id }).where(eq(tickets.id, child.id));
    out.push(...(await recordStructureChange(tx, child.id, userId, { structure: "parentSet", number: parent.number, previous: old?.number })));
    out.push(...(await recordStructureChange(tx, parent.id, userId, { structure: "childAdded", number: child.number })));
    if (old) out.push(...(await recordStructureChange(tx, old.id, userId, { structure: "childRemoved", number: child.number })));
    return out;
  });
  deps.publish(events);
}

/** Detaches a ticket from its parent. */
export async function unlinkParent(deps: Deps, actor: Actor, input: { ticketId: number }) {
  const userId = actor.kind === "user" ? actor.userId : null;
  const events = await deps.db.transaction(async (tx) => {
    const child = await lockedTicket(tx, actor, input.ticketId);
    assertCanWriteTicket(actor, child);
    if (child.parentId === null) return [];
    const [parent] = await tx.select({ id: tickets.id, number: tickets.number }).from(tickets).where(eq(tickets.id, child.parentId)).for("update");
    await tx.update(tickets).set({ parentId: null }).where(eq(tickets.id, child.id));
    return [
      ...(await recordStructureChange(tx, child.id, userId, { structure: "parentRemoved", number: parent.number })),
      ...(await recordStructureChange(tx, parent.id, userId, { structure: "childRemoved", number: child.number })),
    ];
  });
  deps.publish(events);
}

/** A new child in place: the parent's queue and customer, the creator owns it, the first text as its first entry. */
export async function createChildTicket(deps: Deps, actor: Actor, input: { parentId: number; title: string; body: string }) {
  const userId = actor.kind === "user" ? actor.userId : null;
  const title = input.title.trim();
  if (!title) throw new AppError("INVALID", "The subject is required", { fieldErrors: { title: ["The subject is required"] } });
  const result = await deps.db.transaction(async (tx) => {
    const parent = await lockedTicket(tx, actor, input.parentId);
    assertCanCreateTicketIn(actor, parent.queueId);
    if (parent.mergedIntoId !== null) throw refused("INVALID", "A merged ticket cannot get children", { key: "errors.mergedChildren" });
    const [child] = await tx
      .insert(tickets)
      .values({
        title, queueId: parent.queueId, statusId: await initialStatusId(tx, parent.queueId), contactId: parent.contactId,
        ownerId: userId, createdById: userId, parentId: parent.id, kind: parent.kind, confidential: parent.confidential,
      })
      .returning();
    await tx.insert(ticketEntries).values({
      ticketId: child.id, kind: "agent_message", authorUserId: userId, subject: title, bodyText: input.body,
    });
    if (userId !== null) await addWatchers(tx, child.id, [userId]);
    const events: DomainEvent[] = [
      { type: "ticket.created", ticketId: child.id, queueId: child.queueId, involved: involvedIn(child) },
      ...(await recordStructureChange(tx, child.id, userId, { structure: "parentSet", number: parent.number })),
      ...(await recordStructureChange(tx, parent.id, userId, { structure: "childAdded", number: child.number })),
    ];
    return { child, events };
  });
  deps.publish(result.events);
  return { id: result.child.id, number: result.child.number };
}
