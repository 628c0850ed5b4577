import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { ticketLocks, tickets, users, type LockKind } from "../../../db/schema";
import type { Actor } from "../actor";
import type { Deps, DomainEvent, LockView } from "../events";
import { involvedIn } from "../events";
import { AppError, invalid, notFound } from "../errors";
import { assertCanWriteTicket, canReadTicket, canWriteTicket, ticketAccessColumns, type TicketAccess } from "../permissions";
import { notifyLockTakenOver } from "../notifications/notifications";

/** A lock whose holder has not sent a heartbeat for this long may be taken by anyone. */
export const LOCK_TTL_SECONDS = 30;
/** The longest a single editor timer may count (a day); longer values are refused as invalid. */
export const MAX_TIMER_MS = 24 * 60 * 60 * 1000;

export type AcquireResult = { ok: true; lock: LockView } | { ok: false; holder: LockView };
export type HeartbeatResult = { ok: true } | { ok: false; holder: LockView | null };
/** The timer as the holder's editor reports it. */
export interface TimerInput {
  accumulatedMs: number;
  running: boolean;
}

/** The ticket's access fields, after checking the actor may read it (else NOT_FOUND, as if it did not exist). */
async function readableTicket(db: DbOrTx, actor: Actor, ticketId: number): Promise<TicketAccess> {
  const [t] = await db.select(ticketAccessColumns).from(tickets).where(eq(tickets.id, ticketId));
  if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
  return t;
}

const lockColumns = {
  ticketId: ticketLocks.ticketId,
  userId: ticketLocks.userId,
  userName: users.name,
  kind: ticketLocks.kind,
  since: ticketLocks.since,
  timerMs: ticketLocks.timerMs,
  timerRunningSince: ticketLocks.timerRunningSince,
};

type LockRow = { userId: number; userName: string; kind: LockKind; since: Date; timerMs: number; timerRunningSince: Date | null };

function toView(r: LockRow): LockView {
  return {
    userId: r.userId,
    userName: r.userName,
    kind: r.kind,
    since: r.since.toISOString(),
    timer: { accumulatedMs: r.timerMs, runningSince: r.timerRunningSince?.toISOString() ?? null },
  };
}

const fresh = sql`${ticketLocks.heartbeatAt} > now() - make_interval(secs => ${LOCK_TTL_SECONDS})`;

/** Current (unexpired) lock holders for the given tickets. */
export async function lockViewsFor(db: DbOrTx, ticketIds: number[]): Promise<Map<number, LockView>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db
    .select(lockColumns)
    .from(ticketLocks)
    .innerJoin(users, eq(users.id, ticketLocks.userId))
    .where(and(inArray(ticketLocks.ticketId, ticketIds), fresh));
  return new Map(rows.map((r) => [r.ticketId, toView(r)]));
}

/** Who holds the ticket's lock right now (expired locks count as free). */
async function currentHolder(db: DbOrTx, ticketId: number): Promise<LockView | null> {
  return (await lockViewsFor(db, [ticketId])).get(ticketId) ?? null;
}

function timerValues(timer: TimerInput | undefined) {
  const t = timer ?? { accumulatedMs: 0, running: true };
  if (!Number.isInteger(t.accumulatedMs) || t.accumulatedMs < 0 || t.accumulatedMs > MAX_TIMER_MS) throw invalid("Invalid timer");
  return { timerMs: t.accumulatedMs, timerRunningSince: t.running ? sql`now()` : null };
}

/**
 * Takes the ticket's lock with one upsert: it succeeds when the ticket is free, already
 * held by this user, or the holder's heartbeat is older than the TTL. The editor's timer
 * starts with the lock (running from 0 unless the editor says otherwise).
 */
export async function acquireLock(
  deps: Deps,
  actor: Actor,
  input: { ticketId: number; kind: LockKind; socketId: string | null; timer?: TimerInput },
): Promise<AcquireResult> {
  if (actor.kind !== "user") throw invalid("Only users hold locks");
  const ticket = await readableTicket(deps.db, actor, input.ticketId);
  assertCanWriteTicket(actor, ticket); // an editor is for those who may change the ticket
  const { queueId } = ticket;
  const timer = timerValues(input.timer);
  const taken = await withoutFlush(deps.db, (tx) => tx
    .insert(ticketLocks)
    .values({ ticketId: input.ticketId, userId: actor.userId, kind: input.kind, socketId: input.socketId, ...timer })
    .onConflictDoUpdate({
      target: ticketLocks.ticketId,
      set: {
        userId: actor.userId,
        kind: input.kind,
        socketId: input.socketId,
        since: sql`case when ${ticketLocks.userId} = excluded.user_id then ${ticketLocks.since} else now() end`,
        heartbeatAt: sql`now()`,
        timerMs: sql`excluded.timer_ms`,
        timerRunningSince: sql`excluded.timer_running_since`,
      },
      setWhere: sql`${ticketLocks.userId} = excluded.user_id
        or ${ticketLocks.heartbeatAt} < now() - make_interval(secs => ${LOCK_TTL_SECONDS})`,
    })
    .returning());
  if (taken.length) {
    const lock = toView({ ...taken[0], userName: actor.name });
    deps.publish([{ type: "lock.changed", ticketId: input.ticketId, queueId, lock, involved: involvedIn(ticket) }]);
    return { ok: true, lock };
  }
  const holder = await currentHolder(deps.db, input.ticketId);
  if (!holder) return acquireLock(deps, actor, input); // released or expired in between: try again
  return { ok: false, holder };
}

/**
 * Takes the lock from whoever holds it, after the user confirmed. Needs write rights on the
 * ticket's queue. The former holder learns it from the event (`takenOverFrom`); their editor
 * keeps the draft on their side.
 */
export async function takeOverLock(
  deps: Deps,
  actor: Actor,
  input: { ticketId: number; kind: LockKind; socketId: string | null; timer?: TimerInput },
): Promise<{ lock: LockView; previous: LockView | null }> {
  if (actor.kind !== "user") throw invalid("Only users hold locks");
  const ticket = await readableTicket(deps.db, actor, input.ticketId);
  const { queueId } = ticket;
  if (!canWriteTicket(actor, ticket)) throw new AppError("FORBIDDEN", "You may not edit this ticket, so you cannot take it over");
  const timer = timerValues(input.timer);
  const { lock, previous } = await deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select(lockColumns)
      .from(ticketLocks)
      .innerJoin(users, eq(users.id, ticketLocks.userId))
      .where(and(eq(ticketLocks.ticketId, input.ticketId), fresh))
      .for("update", { of: ticketLocks });
    const [row] = await tx
      .insert(ticketLocks)
      .values({ ticketId: input.ticketId, userId: actor.userId, kind: input.kind, socketId: input.socketId, ...timer })
      .onConflictDoUpdate({
        target: ticketLocks.ticketId,
        set: {
          userId: actor.userId,
          kind: input.kind,
          socketId: input.socketId,
          since: sql`now()`,
          heartbeatAt: sql`now()`,
          timerMs: sql`excluded.timer_ms`,
          timerRunningSince: sql`excluded.timer_running_since`,
        },
      })
      .returning();
    return { lock: toView({ ...row, userName: actor.name }), previous: before ? toView(before) : null };
  });
  const takenOverFrom = previous && previous.userId !== actor.userId ? previous.userId : undefined;
  deps.publish([{ type: "lock.changed", ticketId: input.ticketId, queueId, lock, involved: involvedIn(ticket), ...(takenOverFrom ? { takenOverFrom } : {}) }]);
  // The former holder also finds it in their notifications (and by mail, if they chose so).
  if (takenOverFrom) await notifyLockTakenOver(deps, { ticketId: input.ticketId, formerHolderUserId: takenOverFrom, byUserId: actor.userId });
  return { lock, previous };
}

/**
 * Keeps the actor's lock alive. When it is not (or no longer) theirs, says who holds it now
 * (null: nobody), so the editor can take it again or show who took over.
 */
export async function heartbeatLock(deps: Deps, actor: Actor, ticketId: number): Promise<HeartbeatResult> {
  if (actor.kind !== "user") return { ok: false, holder: null };
  const rows = await withoutFlush(deps.db, (tx) => tx
    .update(ticketLocks)
    .set({ heartbeatAt: sql`now()` })
    .where(and(eq(ticketLocks.ticketId, ticketId), eq(ticketLocks.userId, actor.userId)))
    .returning({ ticketId: ticketLocks.ticketId }));
  if (rows.length > 0) return { ok: true };
  const [t] = await deps.db.select(ticketAccessColumns).from(tickets).where(eq(tickets.id, ticketId));
  if (!t || !canReadTicket(actor, t)) return { ok: false, holder: null }; // nothing to tell
  return { ok: false, holder: await currentHolder(deps.db, ticketId) };
}

/** Pause, play or reset: the holder's editor reports its timer; colleagues are told. */
export async function setLockTimer(
  deps: Deps,
  actor: Actor,
  input: { ticketId: number; timer: TimerInput },
): Promise<AcquireResult | { ok: false; holder: null }> {
  if (actor.kind !== "user") throw invalid("Only users hold locks");
  const ticket = await readableTicket(deps.db, actor, input.ticketId);
  const rows = await deps.db
    .update(ticketLocks)
    .set({ ...timerValues(input.timer), heartbeatAt: sql`now()` })
    .where(and(eq(ticketLocks.ticketId, input.ticketId), eq(ticketLocks.userId, actor.userId)))
    .returning();
  if (!rows.length) return { ok: false, holder: await currentHolder(deps.db, input.ticketId) };
  const lock = toView({ ...rows[0], userName: actor.name });
  deps.publish([{ type: "lock.changed", ticketId: input.ticketId, queueId: ticket.queueId, lock, involved: involvedIn(ticket) }]);
  return { ok: true, lock };
}

/**
 * Lock writes skip waiting for the WAL flush: a lock lives 30 s without heartbeats anyway,
 * so losing the last few changes in a database crash is harmless, while the flush was most
 * of the time an agent waited for a lock (bench: realtime).
 */
function withoutFlush<T>(db: Db, write: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    return write(tx);
  });
}

/** Cancel or page close: the actor gives the lock back. */
export async function releaseLock(deps: Deps, actor: Actor, ticketId: number): Promise<void> {
  if (actor.kind !== "user") return;
  const rows = await withoutFlush(deps.db, (tx) => tx
    .delete(ticketLocks)
    .where(and(eq(ticketLocks.ticketId, ticketId), eq(ticketLocks.userId, actor.userId)))
    .returning({ ticketId: ticketLocks.ticketId }));
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

/**
 * Locks whose holder stopped sending heartbeats (crashed browser, killed web process) are
 * removed and announced, so every screen stops showing them. Safe to run in every web
 * process at once: the delete hands each row to exactly one of them.
 */
export async function expireStaleLocks(deps: Deps): Promise<number[]> {
  const rows = await deps.db
    .delete(ticketLocks)
    .where(lt(ticketLocks.heartbeatAt, sql`now() - make_interval(secs => ${LOCK_TTL_SECONDS})`))
    .returning({ ticketId: ticketLocks.ticketId });
  const ids = rows.map((r) => r.ticketId);
  await publishReleased(deps, ids);
  return ids;
}

async function publishReleased(deps: Deps, ticketIds: number[]): Promise<void> {
  if (ticketIds.length === 0) return;
  const rows = await deps.db.select({ id: tickets.id, ...ticketAccessColumns }).from(tickets).where(inArray(tickets.id, ticketIds));
  const events: DomainEvent[] = rows.map((t) => ({ type: "lock.changed", ticketId: t.id, queueId: t.queueId, lock: null, involved: involvedIn(t) }));
  if (events.length) deps.publish(events);
}
