import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { ticketWatchers, tickets } from "../../../db/schema";
import type { Actor } from "../actor";
import { invalid, notFound } from "../errors";
import { canReadTicket, ticketAccessColumns } from "../permissions";
import { teamWatcherUserIds } from "../people/teams";

/**
 * Watchers (C12): people told about every new entry on a ticket: single users, and the
 * members of teams watching it (teams.ts). Notifying checks each recipient's right to read.
 */
export async function watcherUserIds(db: DbOrTx, ticketId: number): Promise<number[]> {
  const [rows, fromTeams] = await Promise.all([
    db.select({ userId: ticketWatchers.userId }).from(ticketWatchers).where(eq(ticketWatchers.ticketId, ticketId)),
    teamWatcherUserIds(db, ticketId),
  ]);
  return [...new Set([...rows.map((r) => r.userId), ...fromTeams])];
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
