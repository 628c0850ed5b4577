import { eq } from "drizzle-orm";
import type { JobWithMetadata as Job } from "pg-boss";
import { Server } from "socket.io";
import type { SMTPServer } from "smtp-server";
import { applyLocalDefaults } from "../db/local-defaults";
import { runMigrations } from "../db/migrate";
import { ensureBaseData } from "../db/seed";
import { mailAccounts, outbox } from "../db/schema";
import { env } from "../server/env";
import { appDb } from "../server/db-instance";
import type { Deps } from "../server/domain/events";
import { ticketTouchedEvent } from "../server/domain/tickets/tickets";
import { fileStrandedMails } from "../server/domain/mail/ingest";
import { fireDueReminders, fireReminder } from "../server/domain/notifications/reminders";
import { getSetting } from "../server/domain/config/settings";
import { deleteStaleUploads } from "../server/domain/conversation/uploads";
import { mailPasswordReset } from "../server/domain/people/password-reset";
import { deleteStaleAttemptCounters } from "../server/domain/people/attempt-limits";
import { bossJobQueue, JOBS, outboxRetry, startBoss } from "../server/jobs/queue";
import { attachPostgresAdapter } from "../server/realtime/adapter";
import { createSocketPublisher, type AppServer } from "../server/realtime/publisher";
import { DemoPortTakenError, startDemoCatcher, startDemoInbound } from "./demo/smtp-servers";
import { superviseAccounts } from "./imap/account-supervisor";
import { createTransportFactory, deliverOutboxMail, staleOutboxIds } from "./outbox/deliver";
import { markStopping } from "../server/stopping";

/**
 * The worker: IMAP ingest per active account, the outbox sender and scheduled jobs. It
 * reaches browsers only through a headless Socket.IO server bound to the Postgres adapter.
 */
// Run alone (`npm run web`/`worker`): the same database and secret as `npm start`.
if (!process.env.DATABASE_URL) await applyLocalDefaults();
const config = env();
const log = (msg: string) => console.log(`[worker] ${msg}`);

await runMigrations(config.DATABASE_URL);
const { db } = appDb();
await ensureBaseData(db);
const boss = await startBoss(config.DATABASE_URL, "worker");
const io: AppServer = new Server();
const closeAdapter = attachPostgresAdapter(io, config.DATABASE_URL);
const jobs = bossJobQueue(boss);
const deps: Deps = { db, publish: createSocketPublisher(io), jobs, fallbackFrom: `support@${config.MAIL_DOMAIN}`, appUrl: config.APP_URL };

const accounts = await db.select({ id: mailAccounts.id, address: mailAccounts.address }).from(mailAccounts).where(eq(mailAccounts.active, true));
const demo = accounts.length === 0;
const servers: SMTPServer[] = [];
if (demo) {
  try {
    servers.push(await startDemoInbound(deps, config.DEMO_INBOUND_SMTP_PORT));
    servers.push(await startDemoCatcher(db, config.DEMO_CATCHER_SMTP_PORT));
  } catch (err) {
    if (!(err instanceof DemoPortTakenError)) throw err;
    console.error(`[worker] ${err.message}`);
    process.exit(1);
  }
  log(`demo mode: inbound SMTP on 127.0.0.1:${config.DEMO_INBOUND_SMTP_PORT}, outgoing mail caught on 127.0.0.1:${config.DEMO_CATCHER_SMTP_PORT}`);
}
// One watcher per active account, following changes made in the admin UI within seconds.
const supervisor = superviseAccounts(deps, { mode: config.IMAP_MODE, pollIntervalMs: config.IMAP_POLL_INTERVAL_MS, appSecret: config.APP_SECRET, log, trace: config.IMAP_TRACE, stallMs: config.IMAP_STALL_MS });

const transportFor = createTransportFactory(db, config.APP_SECRET, demo ? config.DEMO_CATCHER_SMTP_PORT : null);
async function deliver(outboxId: number, final: boolean) {
  try {
    await deliverOutboxMail(db, transportFor, outboxId, {
      final, testModeAddress: await getSetting(db, "mail.testModeAddress"), leaseSeconds: config.OUTBOX_LEASE_SECONDS,
    });
  } finally {
    await announceDelivery(outboxId); // open tickets show "sent" or the error at once
  }
}
async function deliverJobs(batch: Job<{ outboxId: number }>[]) {
  for (const job of batch) await deliver(job.data.outboxId, job.retryCount >= outboxRetry.retryLimit);
}
// Four sends at once (pg-boss runs one loop per work() call); each mail is claimed
// atomically, so two loops never send the same one.
for (let i = 0; i < 4; i++) {
  await boss.work(JOBS.outboxDeliver, { pollingIntervalSeconds: 0.5, batchSize: 1, includeMetadata: true }, deliverJobs);
}
async function announceDelivery(outboxId: number) {
  const [row] = await db.select({ ticketId: outbox.ticketId }).from(outbox).where(eq(outbox.id, outboxId));
  const event = row?.ticketId ? await ticketTouchedEvent(db, row.ticketId) : null;
  if (event) deps.publish([event]);
}
// Safety net: a mail whose job was lost between commit and enqueue is picked up within a minute.
await boss.schedule(JOBS.outboxSweep, "* * * * *");
const sweep = async () => {
  for (const { id, again } of await staleOutboxIds(db, 30, config.OUTBOX_LEASE_SECONDS)) {
    // A mail whose worker died mid-send is sent here: its dead job still holds its place
    // in pg-boss until it expires. If this fails, the mail is queued for that job's retry.
    if (again) await deliver(id, false).catch((err) => log(`outbox ${id}: ${(err as Error).message}`));
    else await jobs.enqueue("outbox.deliver", { outboxId: id });
  }
};
await boss.work(JOBS.outboxSweep, sweep);
await sweep();
// Files uploaded for a message that was never sent.
await boss.schedule(JOBS.uploadsCleanup, "17 * * * *");
await boss.work(JOBS.uploadsCleanup, async () => {
  const n = await deleteStaleUploads(db, 24);
  if (n) log(`deleted ${n} upload(s) never sent`);
});
// Sign-in limits: counters of long-past failures.
await boss.schedule(JOBS.attemptsCleanup, "23 * * * *");
await boss.work(JOBS.attemptsCleanup, async () => {
  await deleteStaleAttemptCounters(db);
});
// Reminders (C11): each fires from its own job at its time; the minute sweep fires those
// whose job was lost (or that fell due while no worker ran). Firing twice is harmless.
await boss.work<{ reminderId: number }>(JOBS.reminderFire, { pollingIntervalSeconds: 1 }, async (batch) => {
  for (const job of batch) await fireReminder(deps, job.data.reminderId);
});
await boss.schedule(JOBS.reminderSweep, "* * * * *");
const sweepReminders = async () => {
  const n = await fireDueReminders(deps);
  if (n) log(`fired ${n} overdue reminder(s)`);
};
await boss.work(JOBS.reminderSweep, sweepReminders);
await sweepReminders();
// Reset requests (issue 11.8): the web process only enqueues; here it is decided whether a mail goes out.
await boss.work<{ email: string }>(JOBS.passwordResetRequest, { pollingIntervalSeconds: 0.5 }, async (batch) => {
  for (const job of batch) await mailPasswordReset(deps, job.data);
});
const refiled = await fileStrandedMails(deps);
if (refiled) log(`filed ${refiled} mail(s) stored before a crash but never filed`);
log("ready");

async function shutdown() {
  markStopping();
  await supervisor.stop();
  await Promise.allSettled(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  await boss.stop({ graceful: true, timeout: 5000 }).catch(() => {});
  await Promise.allSettled([closeAdapter(), appDb().close()]);
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
