import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { queues, statuses, statusGroups, tickets, type StatusCategory } from "../../../db/schema";
import type { Actor } from "../actor";
import { canSeeQueue, readableTicketsWhere } from "../permissions";

/**
 * Tickets per status for the ticket list's filter (B2): every status of the queues the actor
 * sees (zero included), counting only tickets the actor may read, so a count never tells of
 * a ticket the list would hide.
 */

export interface StatusCount {
  statusId: number;
  queueId: number;
  name: string;
  nameDe: string | null;
  category: StatusCategory;
  /** The status group's colour, if it has a group. */
  colour: string | null;
  count: number;
}

export async function ticketCountsByStatus(db: DbOrTx, actor: Actor, input: { queueId?: number }): Promise<StatusCount[]> {
  const visible = (await db.select({ id: queues.id }).from(queues)).map((q) => q.id).filter((id) => canSeeQueue(actor, id));
  const queueIds = input.queueId === undefined ? visible : visible.filter((id) => id === input.queueId);
  if (queueIds.length === 0) return [];
  const [rows, counts] = await Promise.all([
    db
      .select({
        statusId: statuses.id, queueId: statuses.queueId, name: statuses.name, nameDe: statuses.nameDe,
        category: statuses.category, colour: statusGroups.colour,
      })
      .from(statuses)
      .innerJoin(queues, eq(queues.id, statuses.queueId))
      .leftJoin(statusGroups, eq(statusGroups.id, statuses.groupId))
      .where(inArray(statuses.queueId, queueIds))
      .orderBy(asc(queues.position), asc(queues.id), asc(statuses.position), asc(statuses.id)),
    db
      .select({ statusId: tickets.statusId, n: count() })
      .from(tickets)
      .where(and(readableTicketsWhere(actor), inArray(tickets.queueId, queueIds)))
      .groupBy(tickets.statusId),
  ]);
  const byStatus = new Map(counts.map((c) => [c.statusId, c.n]));
  return rows.map((r) => ({ ...r, count: byStatus.get(r.statusId) ?? 0 }));
}
