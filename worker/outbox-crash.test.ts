import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { connectDb, type DbHandle } from "../db/client";
import { outbox, settings } from "../db/schema";
import { ensureBaseData, upsertMailAccountFromUrls } from "../db/seed";
import { createFreshDatabase, type FreshDatabase } from "../db/testing/fresh-database";
import { TEST_APP_SECRET } from "../db/testing/test-deps";
import { freePort } from "../e2e/fixtures/dovecot";
import { startSmtpCatcher, type SmtpCatcher } from "../e2e/fixtures/smtp-catcher";
import { spawnWorker, stopWorker } from "./testing/spawn-worker";

/**
 * Fault test for sending: 150 queued mails, the worker killed with SIGKILL at random moments
 * five times while it sends (four at once), restarted each time. Every mail arrives. A second
 * copy can only come from a mail in flight at a kill (the server had it, our commit had not
 * happened), so there are at most as many as mails claimed at the kills, and each carries the
 * same Message-ID as its first.
 */
const MAILS = 150;
const KILLS = 5;
const LEASE_SECONDS = 2;
let db: FreshDatabase;
let handle: DbHandle;
let catcher: SmtpCatcher;

const sent = async () => {
  const [row] = await handle.db.execute<{ n: number }>(sql`select count(*)::int as n from outbox where status = 'sent'`);
  return row.n;
};
const claimedCount = async () =>
  (await handle.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(eq(outbox.status, "sending")))[0].n;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const workerEnv = { OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS) };

beforeAll(async () => {
  db = await createFreshDatabase("outbox_crash");
  handle = connectDb(db.url, { max: 2 });
  await ensureBaseData(handle.db);
  await handle.db.insert(settings).values({ key: "mail.allowPrivateHosts", value: true }).onConflictDoNothing();
  // A slow server widens the window in which a kill finds a mail mid-send.
  catcher = await startSmtpCatcher({ acceptDelayMs: 60 });
  const address = "sender@example.test";
  const accountId = await upsertMailAccountFromUrls(handle.db, {
    address,
    // Nothing listens there: fetching fails (and backs off) while sending works.
    imapUrl: `imap://${encodeURIComponent(address)}:pw@127.0.0.1:${await freePort()}`,
    smtpUrl: `smtp://127.0.0.1:${catcher.port}`,
    appSecret: TEST_APP_SECRET,
  });
  // Queued a minute ago and never tried: the worker's start-up sweep enqueues them.
  await handle.db.insert(outbox).values(
    Array.from({ length: MAILS }, (_, i) => ({
      accountId, fromEmail: address, toEmails: [`c${i}@customer.test`], subject: `outbox crash ${i}`,
      bodyText: `Mail ${i}`, messageId: `outbox-crash-${i}@example.test`, createdAt: new Date(Date.now() - 60_000),
    })),
  );
}, 120_000);

afterAll(async () => {
  await catcher?.stop();
  await handle?.close();
  await db?.drop();
});

describe("outbox crash recovery", () => {
  it(`${KILLS} SIGKILLs while sending ${MAILS} mails: every mail arrives, none twice but those in flight at a kill`, async () => {
    const progress: number[] = [];
    let killedMidSend = 0;
    for (let k = 0; k < KILLS; k++) {
      const before = catcher.messages.length;
      const worker = await spawnWorker(db.url, { waitForReady: false, env: workerEnv });
      // After a random number of mails, kill while one is claimed and on its way to the server.
      const target = before + 1 + Math.floor(Math.random() * 4);
      while (catcher.messages.length < target) await pause(5);
      while ((await claimedCount()) === 0) await pause(2);
      await stopWorker(worker);
      progress.push(await sent());
      killedMidSend += await claimedCount();
      // Let the dead worker's claim run out, so the next start-up sweep takes the mail over.
      await pause(LEASE_SECONDS * 1000 + 200);
    }
    const worker = await spawnWorker(db.url, { env: workerEnv });
    try {
      const until = Date.now() + 90_000;
      while ((await sent()) < MAILS && Date.now() < until) await pause(200);
    } finally {
      await stopWorker(worker, "SIGTERM");
    }
    const copies = new Map<string, number>();
    for (const m of catcher.messages) copies.set(m.messageId!, (copies.get(m.messageId!) ?? 0) + 1);
    const extra = [...copies.values()].reduce((a, n) => a + n - 1, 0);
    console.log(`sent after each kill: ${progress.join(", ")}; mails claimed at a kill: ${killedMidSend}; second copies: ${extra}`);
    expect(progress.every((n) => n < MAILS)).toBe(true);
    // The drill is real: kills left claimed mails behind, which later workers took over. (A
    // kill can land just after the mail was recorded as sent, so not every one does.)
    expect(killedMidSend).toBeGreaterThan(0);
    const unsent = await handle.db.execute(sql`select id, status, attempts, sending_since, last_error from outbox where status <> 'sent'`);
    if (unsent.length) console.log("unsent:", JSON.stringify(unsent));
    expect(unsent, "mails not sent").toEqual([]);
    for (let i = 0; i < MAILS; i++) expect(copies.has(`<outbox-crash-${i}@example.test>`), `mail ${i}`).toBe(true);
    expect(copies.size).toBe(MAILS);
    // A second copy only ever comes from a mail that was on its way when a worker died.
    expect(extra).toBeLessThanOrEqual(killedMidSend);
    expect(await claimedCount()).toBe(0);
  }, 300_000);
});
