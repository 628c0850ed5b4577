import PgBoss from "pg-boss";
import type { JobPayloads, JobQueue } from "../domain/events";
import { logError } from "../stopping";

export const JOBS = {
  outboxDeliver: "outbox.deliver",
  outboxSweep: "outbox.sweep",
  uploadsCleanup: "uploads.cleanup",
  reminderFire: "reminder.fire",
  reminderSweep: "reminder.sweep",
  passwordResetRequest: "password-reset.request",
  attemptsCleanup: "attempts.cleanup",
} as const;

/** Retries with exponential backoff: 5 s, 10 s, 20 s … for about an hour in all. */
export const outboxRetry = { retryLimit: 9, retryDelay: 5, retryBackoff: true } as const;

/** A reminder job that failed (database gone) is tried again soon; the minute sweep is the net behind it. */
export const reminderRetry = { retryLimit: 5, retryDelay: 5, retryBackoff: true } as const;

/** A reset request whose job failed (database gone) is tried again; it mails at most once an hour anyway. */
export const passwordResetRetry = { retryLimit: 5, retryDelay: 5, retryBackoff: true } as const;

/**
 * pg-boss on our database. The web process only sends; the worker also works and schedules.
 * Every queue is created up front so `send` never meets a missing one.
 */
export async function startBoss(databaseUrl: string, role: "web" | "worker"): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: role === "web" ? 2 : 4,
    supervise: role === "worker",
    schedule: role === "worker",
  });
  boss.on("error", (err) => logError(`[jobs] ${err.message}`));
  await boss.start();
  for (const name of Object.values(JOBS)) await retryOnDeadlock(() => boss.createQueue(name));
  return boss;
}

/**
 * Web and worker starting at the same moment may both create a queue's partition, and
 * Postgres then aborts one of them as a deadlock (40P01); trying again is safe.
 */
async function retryOnDeadlock(fn: () => Promise<void>, attempts = 5): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if ((err as { code?: string }).code !== "40P01" || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 100 * i + Math.random() * 200));
    }
  }
}

export function bossJobQueue(boss: PgBoss): JobQueue {
  return {
    async enqueue(name, payload, opts) {
      if (name === JOBS.reminderFire) {
        const { reminderId } = payload as JobPayloads["reminder.fire"];
        await boss.send(name, payload, { ...reminderRetry, startAfter: opts?.startAfter, singletonKey: `reminder-${reminderId}` });
        return;
      }
      if (name === JOBS.passwordResetRequest) {
        await boss.send(name, payload, { ...passwordResetRetry, startAfter: opts?.startAfter });
        return;
      }
      const { outboxId } = payload as JobPayloads["outbox.deliver"];
      await boss.send(name, payload, { ...outboxRetry, startAfter: opts?.startAfter, singletonKey: `outbox-${outboxId}` });
    },
  };
}
