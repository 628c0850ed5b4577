import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { ticketWatchers, tickets } from "../../db/schema";
import type { Actor } from "./actor";
import { invalid, notFound } from "./errors";
import { canReadTicket, ticketAccessColumns } from "./permissions";

/**
 * Watchers (C12): people told about every new entry on a ticket. For now single users; when
 * groups arrive (issue 6) a `ticket_group_watchers (ticket_id, group_id)` table sits beside
 * `ticket_watchers` and `watcherUserIds` adds the members of the watching groups. Everything
 * else (notifying, the permission check per recipient) already works on user ids.
 */
export async function watcherUserIds(db: DbOrTx, ticketId: number): Promise<number[]> {
  const rows = await db.select({ userId: ticketWatchers.userId }).from(ticketWatchers).where(eq(ticketWatchers.ticketId, ticketId));
  return rows.map((r) => r.userId);
}

/** Adds watchers (no-op for those already watching). Used for the creator and the owner. */
export async function addWatchers(db: DbOrTx, ticketId: number, userIds: number[]): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await db.insert(ticketWatchers).values(unique.map((userId) => ({ ticketId, userId }))).onConflictDoNothing();
}

async function readableTicket(db: DbOrTx, actor: Actor, ticketId: number) {
  if (actor.kind !== "user") throw invalid("Only users watch tickets");
  const [t] = await db.select({ id: tickets.id, ...ticketAccessColumns }).from(tickets).where(eq(tickets.id, ticketId));
  if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
  return { ...t, userId: actor.userId };
}

export async function isWatching(db: DbOrTx, actor: Actor, ticketId: number): Promise<boolean> {
  const t = await readableTicket(db, actor, ticketId);
  const [row] = await db
    .select({ userId: ticketWatchers.userId })
    .from(ticketWatchers)
    .where(and(eq(ticketWatchers.ticketId, t.id), eq(ticketWatchers.userId, t.userId)));
  return !!row;
}

/** The "watch this ticket" toggle: on or off for the signed-in user; answers the new state. */
export async function setWatching(db: DbOrTx, actor: Actor, input: { ticketId: number; watching: boolean }): Promise<boolean> {
  const t = await readableTicket(db, actor, input.ticketId);
  if (input.watching) await addWatchers(db, t.id, [t.userId]);
  else await db.delete(ticketWatchers).where(and(eq(ticketWatchers.ticketId, t.id), eq(ticketWatchers.userId, t.userId)));
  return input.watching;
}
