import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { ticketViewers, tickets, users } from "../../../db/schema";
import type { Actor } from "../actor";
import type { Deps, DomainEvent, Viewer } from "../events";
import { involvedIn } from "../events";
import { invalid, notFound } from "../errors";
import { canReadTicket, ticketAccessColumns } from "../permissions";

/**
 * A viewer row not refreshed for this long belongs to a web process that went away without
 * cleaning up; it is removed by the sweep. Live processes refresh theirs well within it.
 */
export const VIEWER_TTL_SECONDS = 45;

/** Who has each ticket open, one entry per user (several tabs count once), earliest first. */
export async function viewersFor(db: DbOrTx, ticketIds: number[]): Promise<Map<number, Viewer[]>> {
  const out = new Map<number, Viewer[]>();
  if (ticketIds.length === 0) return out;
  const rows = await db
    .select({
      ticketId: ticketViewers.ticketId,
      userId: ticketViewers.userId,
      userName: users.name,
      since: sql<Date>`min(${ticketViewers.since})`.as("first_since"),
    })
    .from(ticketViewers)
    .innerJoin(users, eq(users.id, ticketViewers.userId))
    .where(
      and(
        inArray(ticketViewers.ticketId, ticketIds),
        sql`${ticketViewers.seenAt} > now() - make_interval(secs => ${VIEWER_TTL_SECONDS})`,
      ),
    )
    .groupBy(ticketViewers.ticketId, ticketViewers.userId, users.name)
    .orderBy(asc(sql`first_since`), asc(ticketViewers.userId));
  for (const r of rows) {
    const list = out.get(r.ticketId) ?? [];
    list.push({ userId: r.userId, userName: r.userName });
    out.set(r.ticketId, list);
  }
  return out;
}

async function presenceEvents(db: DbOrTx, ticketIds: number[]): Promise<DomainEvent[]> {
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) return [];
  const [queues, viewers] = await Promise.all([
    db.select({ id: tickets.id, ...ticketAccessColumns }).from(tickets).where(inArray(tickets.id, ids)),
    viewersFor(db, ids),
  ]);
  return queues.map((t) => ({ type: "presence.changed", ticketId: t.id, queueId: t.queueId, viewers: viewers.get(t.id) ?? [], involved: involvedIn(t) }));
}

async function announce(deps: Deps, ticketIds: number[]): Promise<void> {
  const events = await presenceEvents(deps.db, ticketIds);
  if (events.length) deps.publish(events);
}

/** A socket opened the ticket: it counts as a viewer until it leaves or disconnects. */
export async function addViewer(deps: Deps, actor: Actor, input: { ticketId: number; socketId: string }): Promise<Viewer[]> {
  if (actor.kind !== "user") throw invalid("Only users are shown as viewers");
  const [t] = await deps.db.select(ticketAccessColumns).from(tickets).where(eq(tickets.id, input.ticketId));
  if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
  await deps.db
    .insert(ticketViewers)
    .values({ ticketId: input.ticketId, socketId: input.socketId, userId: actor.userId })
    .onConflictDoUpdate({ target: [ticketViewers.ticketId, ticketViewers.socketId], set: { seenAt: sql`now()` } });
  const events = await presenceEvents(deps.db, [input.ticketId]);
  deps.publish(events);
  return events[0]?.type === "presence.changed" ? events[0].viewers : [];
}

/** The socket left the ticket (navigated away, closed the page). */
export async function removeViewer(deps: Deps, input: { ticketId: number; socketId: string }): Promise<void> {
  const rows = await deps.db
    .delete(ticketViewers)
    .where(and(eq(ticketViewers.ticketId, input.ticketId), eq(ticketViewers.socketId, input.socketId)))
    .returning({ ticketId: ticketViewers.ticketId });
  await announce(deps, rows.map((r) => r.ticketId));
}

/** A socket disconnected: it views nothing any more. */
export async function removeSocketViewers(deps: Deps, socketId: string): Promise<void> {
  const rows = await deps.db
    .delete(ticketViewers)
    .where(eq(ticketViewers.socketId, socketId))
    .returning({ ticketId: ticketViewers.ticketId });
  await announce(deps, rows.map((r) => r.ticketId));
}

/** A web process vouches for the sockets it still has, keeping their rows alive. */
export async function touchViewers(db: DbOrTx, socketIds: string[]): Promise<void> {
  if (socketIds.length === 0) return;
  await db.update(ticketViewers).set({ seenAt: sql`now()` }).where(inArray(ticketViewers.socketId, socketIds));
}

/** Rows nobody vouched for (their process died) are removed and announced, once. */
export async function expireStaleViewers(deps: Deps): Promise<number[]> {
  const rows = await deps.db
    .delete(ticketViewers)
    .where(lt(ticketViewers.seenAt, sql`now() - make_interval(secs => ${VIEWER_TTL_SECONDS})`))
    .returning({ ticketId: ticketViewers.ticketId });
  const ids = [...new Set(rows.map((r) => r.ticketId))];
  await announce(deps, ids);
  return ids;
}
