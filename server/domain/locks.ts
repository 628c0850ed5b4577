import { and, eq, sql } from "drizzle-orm";
import { ticketLocks, tickets, users, type LockKind } from "../../db/schema";
import type { Actor } from "./actor";
import type { Deps, DomainEvent, LockView } from "./events";
import { invalid, notFound } from "./errors";
import { canReadQueue } from "./permissions";

/** A lock whose holder has not sent a heartbeat for this long may be taken by anyone. */
export const LOCK_TTL_SECONDS = 30;

export type AcquireResult = { ok: true; lock: LockView } | { ok: false; holder: LockView };

async function ticketQueue(deps: Deps, actor: Actor, ticketId: number): Promise<number> {
  const [t] = await deps.db.select({ queueId: tickets.queueId }).from(tickets).where(eq(tickets.id, ticketId));
  if (!t || !canReadQueue(actor, t.queueId)) throw notFound("Ticket");
  return t.queueId;
}

/**
 * Takes the ticket's lock with one upsert: it succeeds when the ticket is free, already
 * held by this user, or the holder's heartbeat is older than the TTL.
 */
export async function acquireLock(
  deps: Deps,
  actor: Actor,
  input: { ticketId: number; kind: LockKind; socketId: string | null },
): Promise<AcquireResult> {
  if (actor.kind !== "user") throw invalid("Only users hold locks");
  const queueId = await ticketQueue(deps, actor, input.ticketId);
  const taken = await deps.db
    .insert(ticketLocks)
    .values({ ticketId: input.ticketId, userId: actor.userId, kind: input.kind, socketId: input.socketId })
    .onConflictDoUpdate({
      target: ticketLocks.ticketId,
      set: {
        userId: actor.userId,
        kind: input.kind,
        socketId: input.socketId,
        since: sql`case when ${ticketLocks.userId} = excluded.user_id then ${ticketLocks.since} else now() end`,
        heartbeatAt: sql`now()`,
      },
      setWhere: sql`${ticketLocks.userId} = excluded.user_id
        or ${ticketLocks.heartbeatAt} < now() - make_interval(secs => ${LOCK_TTL_SECONDS})`,
    })
    .returning();
  if (taken.length) {
    const lock: LockView = {
      userId: actor.userId, userName: actor.name, kind: input.kind, since: taken[0].since.toISOString(),
    };
    deps.publish([{ type: "lock.changed", ticketId: input.ticketId, queueId, lock }]);
    return { ok: true, lock };
  }
  const [holder] = await deps.db
    .select({ userId: ticketLocks.userId, userName: users.name, kind: ticketLocks.kind, since: ticketLocks.since })
    .from(ticketLocks)
    .innerJoin(users, eq(users.id, ticketLocks.userId))
    .where(eq(ticketLocks.ticketId, input.ticketId));
  if (!holder) return acquireLock(deps, actor, input); // released in between: try again
  return { ok: false, holder: { ...holder, since: holder.since.toISOString() } };
}

/** Keeps the actor's lock alive; false when it is no longer theirs. */
export async function heartbeatLock(deps: Deps, actor: Actor, ticketId: number): Promise<boolean> {
  if (actor.kind !== "user") return false;
  const rows = await deps.db
    .update(ticketLocks)
    .set({ heartbeatAt: sql`now()` })
    .where(and(eq(ticketLocks.ticketId, ticketId), eq(ticketLocks.userId, actor.userId)))
    .returning({ ticketId: ticketLocks.ticketId });
  return rows.length > 0;
}

/** Cancel or page close: the actor gives the lock back. */
export async function releaseLock(deps: Deps, actor: Actor, ticketId: number): Promise<void> {
  if (actor.kind !== "user") return;
  const rows = await deps.db
    .delete(ticketLocks)
    .where(and(eq(ticketLocks.ticketId, ticketId), eq(ticketLocks.userId, actor.userId)))
    .returning({ ticketId: ticketLocks.ticketId });
  await publishReleased(deps, rows.map((r) => r.ticketId));
}

/** A socket went away: every lock it held is released. */
export async function releaseSocketLocks(deps: Deps, socketId: string): Promise<void> {
  const rows = await deps.db
    .delete(ticketLocks)
    .where(eq(ticketLocks.socketId, socketId))
    .returning({ ticketId: ticketLocks.ticketId });
  await publishReleased(deps, rows.map((r) => r.ticketId));
}

async function publishReleased(deps: Deps, ticketIds: number[]): Promise<void> {
  const events: DomainEvent[] = [];
  for (const ticketId of ticketIds) {
    const [t] = await deps.db.select({ queueId: tickets.queueId }).from(tickets).where(eq(tickets.id, ticketId));
    if (t) events.push({ type: "lock.changed", ticketId, queueId: t.queueId, lock: null });
  }
  if (events.length) deps.publish(events);
}
