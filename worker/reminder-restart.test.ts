import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { notifications, reminders } from "../db/schema";
import { ensureBaseData, ensureQueue } from "../db/seed";
import { createFreshDatabase, type FreshDatabase } from "../db/testing/fresh-database";
import { makeUser, testDeps, type TestDeps } from "../db/testing/test-deps";
import { createTicket } from "../server/domain/tickets/tickets";
import { createReminder } from "../server/domain/notifications/reminders";
import { bossJobQueue, startBoss } from "../server/jobs/queue";
import { spawnWorker, stopWorker } from "./testing/spawn-worker";

/**
 * C11 across a restart: a reminder is scheduled through pg-boss like the web process does,
 * the worker is killed (SIGKILL) before it is due and started again after; the alarm arrives
 * exactly once.
 */
let db: FreshDatabase;
let deps: TestDeps;
let boss: PgBoss;

beforeAll(async () => {
  db = await createFreshDatabase("reminder_restart");
  deps = testDeps(db.url);
  await ensureBaseData(deps.db);
  boss = await startBoss(db.url, "web");
  deps.jobs = bossJobQueue(boss);
}, 60_000);
afterAll(async () => {
  await boss?.stop({ graceful: false }).catch(() => {});
  await deps?.handle.close();
  await db?.drop();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const jobOf = async (reminderId: number) =>
  (await deps.db.execute<{ state: string; start_after: string }>(
    sql`select state, start_after from pgboss.job where name = 'reminder.fire' and data->>'reminderId' = ${String(reminderId)}`,
  ))[0];

describe("reminders survive a worker restart", () => {
  it("a running worker fires a reminder from its own job at its time", async () => {
    const queueId = await ensureQueue(deps.db, "Live", 4);
    const agent = await makeUser(deps, "agent", { queues: { [queueId]: "manage" } });
    const t = await createTicket(deps, agent, { title: "Live", queueId, customerEmail: "c@customer.test", body: "x" });
    const worker = await spawnWorker(db.url);
    try {
      const dueAt = new Date(Date.now() + 1500);
      const { id } = await createReminder(deps, agent, { ticketId: t.id, userId: agent.userId, dueAt, note: "Live", byMail: false });
      expect(Math.abs(new Date((await jobOf(id)).start_after).getTime() - dueAt.getTime())).toBeLessThan(1000);
      for (let i = 0; i < 50 && (await jobOf(id)).state !== "completed"; i++) await pause(200);
      expect((await jobOf(id)).state).toBe("completed");
      const [r] = await deps.db.select().from(reminders).where(eq(reminders.id, id));
      expect(r.firedAt!.getTime()).toBeGreaterThanOrEqual(dueAt.getTime() - 5000);
    } finally {
      await stopWorker(worker, "SIGTERM");
    }
  }, 120_000);

  it("a reminder due while the worker was down fires once after it starts again", async () => {
    const queueId = await ensureQueue(deps.db, "Restart", 5);
    const agent = await makeUser(deps, "agent", { queues: { [queueId]: "manage" } });
    const t = await createTicket(deps, agent, { title: "Restart", queueId, customerEmail: "c@customer.test", body: "x" });
    const first = await spawnWorker(db.url);
    const { id } = await createReminder(deps, agent, { ticketId: t.id, userId: agent.userId, dueAt: new Date(Date.now() + 1500), note: "After restart", byMail: false });
    await stopWorker(first); // killed before the reminder is due
    await pause(2500);
    expect((await deps.db.select().from(reminders).where(eq(reminders.id, id)))[0].firedAt).toBeNull();

    const second = await spawnWorker(db.url);
    try {
      const alarms = () => deps.db.select().from(notifications).where(and(eq(notifications.ticketId, t.id), eq(notifications.kind, "alarm")));
      for (let i = 0; i < 100 && (await alarms()).length === 0; i++) await pause(200);
      await pause(2500); // the job and the start-up sweep both had their chance
      expect(await alarms()).toHaveLength(1);
      expect((await deps.db.select().from(reminders).where(eq(reminders.id, id)))[0].firedAt).not.toBeNull();
    } finally {
      await stopWorker(second, "SIGTERM");
    }
  }, 120_000);
});
