import { and, inArray, lt, or, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { attemptCounters } from "../../../db/schema";
import { systemActor } from "../actor";
import { recordAudit } from "../audit";

/**
 * Limits on guessing (issue 11.6), for sign-in, password links (reset and invitation), reset
 * requests and, later, portal sign-in: per account and per client IP, a few failures are
 * free, then each further one makes the next attempt wait twice as long, and at `lockAfter`
 * the key is locked for a while (with an audit entry). A blocked attempt is not tried at all;
 * the caller answers it exactly like a wrong password, so the limit tells nothing either.
 *
 * An attempt is counted as a failure when it begins (one locked row per key), so fifty
 * parallel guesses cannot all slip in before the first one is counted, and attempts during
 * a delay count as well; a success takes its count back. State lives in PostgreSQL, so every web process sees the same counts.
 */

export interface AttemptPolicy {
  /** Failures answered without delay. */
  freeFailures: number;
  /** The delay after the first failure beyond the free ones; it doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** At this many failures the key is locked for `lockMs`. */
  lockAfter: number;
  lockMs: number;
  /** Failures are forgotten once there was none for this long; after a lock, counting starts afresh. */
  windowMs: number;
}

const minute = 60_000;

/** The limits of each guarded action, per account (or address) and per IP. */
export const attemptLimits = {
  signIn: {
    account: { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 30_000, lockAfter: 10, lockMs: 15 * minute, windowMs: 15 * minute },
    // Offices share an address: more room, but a spray over many accounts still stops.
    ip: { freeFailures: 20, baseDelayMs: 1000, maxDelayMs: 30_000, lockAfter: 100, lockMs: 15 * minute, windowMs: 15 * minute },
  },
  /** Password links (reset and invitation): a wrong token is a failure of the IP. */
  setPassword: {
    account: { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 30_000, lockAfter: 10, lockMs: 15 * minute, windowMs: 15 * minute },
    ip: { freeFailures: 10, baseDelayMs: 1000, maxDelayMs: 30_000, lockAfter: 50, lockMs: 15 * minute, windowMs: 15 * minute },
  },
  /** Every reset request counts (it never "succeeds"): no mail bombing, no mass probing. */
  resetRequest: {
    account: { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 60_000, lockAfter: 10, lockMs: 60 * minute, windowMs: 60 * minute },
    ip: { freeFailures: 20, baseDelayMs: 1000, maxDelayMs: 60_000, lockAfter: 100, lockMs: 60 * minute, windowMs: 60 * minute },
  },
} satisfies Record<string, { account: AttemptPolicy; ip: AttemptPolicy }>;

export type AttemptAction = keyof typeof attemptLimits;

export interface AttemptKey {
  key: string;
  policy: AttemptPolicy;
  /** A success clears the key (the account proved its secret) instead of taking one failure back. */
  clearOnSuccess: boolean;
}

/** The keys one attempt counts against: the account (an address, normalised) and the client IP, each when known. */
export function attemptKeys(
  action: AttemptAction,
  who: { account?: string | null; ip?: string | null },
  limits: { account: AttemptPolicy; ip: AttemptPolicy } = attemptLimits[action],
): AttemptKey[] {
  const keys: AttemptKey[] = [];
  const account = who.account?.trim().toLowerCase();
  if (account) keys.push({ key: `${action}:account:${account}`, policy: limits.account, clearOnSuccess: true });
  if (who.ip) keys.push({ key: `${action}:ip:${who.ip}`, policy: limits.ip, clearOnSuccess: false });
  return keys;
}

/** How long a key is blocked after its `failures`-th failure, in ms (0: not at all). */
export function blockAfterFailures(failures: number, p: AttemptPolicy): number {
  if (failures >= p.lockAfter) return p.lockMs;
  if (failures <= p.freeFailures) return 0;
  return Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (failures - p.freeFailures - 1));
}

/**
 * Begins an attempt and counts it as a failure of every key. Returns false when any key is
 * blocked now: the attempt must not be tried (it still counts for the blocked keys, so that
 * hammering through the delays soon reaches the lock). Call `attemptSucceeded` when a tried attempt turns out right.
 */
export async function beginAttempt(db: DbOrTx, keys: AttemptKey[], now: Date = new Date()): Promise<boolean> {
  if (keys.length === 0) return true;
  return db.transaction(async (tx) => {
    await tx.insert(attemptCounters).values(keys.map((k) => ({ key: k.key }))).onConflictDoNothing();
    const rows = await tx
      .select()
      .from(attemptCounters)
      .where(inArray(attemptCounters.key, keys.map((k) => k.key)))
      .orderBy(attemptCounters.key) // one lock order for every caller: no deadlocks
      .for("update");
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const blocked = rows.some((r) => r.blockedUntil && r.blockedUntil > now);
    for (const k of keys) {
      const row = byKey.get(k.key)!;
      // A refused attempt counts only where it was refused: hammering a locked account does not lock its IP.
      const refusedHere = !!row.blockedUntil && row.blockedUntil > now;
      if (blocked && !refusedHere) continue;
      const quiet = !row.lastFailureAt || now.getTime() - row.lastFailureAt.getTime() > k.policy.windowMs;
      const lockOver = row.failures >= k.policy.lockAfter && (!row.blockedUntil || row.blockedUntil <= now);
      // Failures are forgotten after a quiet window, and once a lock is over counting starts afresh.
      const before = quiet || lockOver ? 0 : row.failures;
      const failures = before + 1;
      const locks = failures === k.policy.lockAfter;
      // Trying during a delay counts too (hammering ends in the lock), but only a new lock moves the time.
      const blockMs = locks ? k.policy.lockMs : blocked ? null : blockAfterFailures(failures, k.policy);
      const blockedUntil = blockMs === null ? row.blockedUntil : blockMs > 0 ? new Date(now.getTime() + blockMs) : null;
      await tx.update(attemptCounters).set({ failures, lastFailureAt: now, blockedUntil }).where(sql`${attemptCounters.key} = ${k.key}`);
      if (locks) {
        await recordAudit(tx, systemActor, {
          entity: "attemptLimit", entityId: k.key, label: k.key,
          before: { failures: before, lockedUntil: null }, after: { failures, lockedUntil: blockedUntil!.toISOString() },
        });
      }
    }
    return !blocked;
  });
}

/** The attempt was right: the account's failures are forgotten; the IP gets this attempt back. */
export async function attemptSucceeded(db: DbOrTx, keys: AttemptKey[]): Promise<void> {
  const clear = keys.filter((k) => k.clearOnSuccess).map((k) => k.key);
  if (clear.length) await db.delete(attemptCounters).where(inArray(attemptCounters.key, clear));
  for (const k of keys.filter((k) => !k.clearOnSuccess)) {
    await db
      .update(attemptCounters)
      .set({
        failures: sql`greatest(${attemptCounters.failures} - 1, 0)`,
        // Back within the free failures: the delay this attempt set goes too (a lock stays).
        blockedUntil: sql`case when ${attemptCounters.failures} - 1 <= ${k.policy.freeFailures} then null else ${attemptCounters.blockedUntil} end`,
      })
      .where(sql`${attemptCounters.key} = ${k.key}`);
  }
}

/**
 * Forgets counters whose last failure is older than every window and which block nothing
 * any more (guesses at made-up addresses would otherwise pile up); the worker runs it hourly.
 */
export async function deleteStaleAttemptCounters(db: DbOrTx, now: Date = new Date()): Promise<number> {
  const longest = Math.max(...Object.values(attemptLimits).flatMap((l) => [l.account.windowMs, l.ip.windowMs]));
  const before = new Date(now.getTime() - longest);
  const gone = await db
    .delete(attemptCounters)
    .where(and(lt(attemptCounters.lastFailureAt, before), or(isNull(attemptCounters.blockedUntil), lt(attemptCounters.blockedUntil, now))))
    .returning({ key: attemptCounters.key });
  return gone.length;
}
