import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImapFlow } from "imapflow";
import { sql } from "drizzle-orm";
import { connectDb, type DbHandle } from "../db/client";
import { settings } from "../db/schema";
import { ensureBaseData, upsertMailAccountFromUrls } from "../db/seed";
import { createFreshDatabase, type FreshDatabase } from "../db/testing/fresh-database";
import { TEST_APP_SECRET } from "../db/testing/test-deps";
import { freePort, startDovecot, type DovecotServer } from "../e2e/fixtures/dovecot";
import { spawnWorker, stopWorker } from "./testing/spawn-worker";

/**
 * Fault test: 500 mails in the mailbox, the worker killed with SIGKILL at random moments ten
 * times while it ingests, restarted each time. At the end every mail exists exactly once.
 */
const MAILS = 500;
const KILLS = 10;
let db: FreshDatabase;
let handle: DbHandle;
let dovecot: DovecotServer;
const mailbox = "crash@example.test";

const imported = async () => {
  const [row] = await handle.db.execute<{ n: number }>(sql`
    select count(*)::int as n from ticket_entries where message_id like 'crash-%'`);
  return row.n;
};

beforeAll(async () => {
  db = await createFreshDatabase("crash");
  handle = connectDb(db.url, { max: 2 });
  await ensureBaseData(handle.db);
  await handle.db.insert(settings).values({ key: "mail.allowPrivateHosts", value: true }).onConflictDoNothing();
  const password = `pw-${Date.now()}`;
  dovecot = await startDovecot({ users: { [mailbox]: password } });
  await upsertMailAccountFromUrls(handle.db, {
    address: mailbox,
    imapUrl: `imap://${encodeURIComponent(mailbox)}:${password}@127.0.0.1:${dovecot.port}`,
    smtpUrl: `smtp://127.0.0.1:${await freePort()}`,
    appSecret: TEST_APP_SECRET,
  });
  const imap = new ImapFlow({ host: "127.0.0.1", port: dovecot.port, secure: false, logger: false, auth: { user: mailbox, pass: password } });
  await imap.connect();
  for (let i = 0; i < MAILS; i++) {
    await imap.append("INBOX", `From: c${i}@customer.test\r\nTo: ${mailbox}\r\nSubject: crash test ${i}\r\nMessage-ID: <crash-${i}@customer.test>\r\n\r\nMail ${i}\r\n`);
  }
  await imap.logout();
}, 120_000);

afterAll(async () => {
  await dovecot?.stop();
  await handle?.close();
  await db?.drop();
});

describe("worker crash recovery", () => {
  it(`${KILLS} SIGKILLs while ingesting ${MAILS} mails: every mail exists exactly once`, async () => {
    const progress: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const before = await imported();
      const worker = await spawnWorker(db.url, { waitForReady: false });
      // Kill at a random moment once this run has started importing.
      while ((await imported()) === before) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, Math.random() * 150));
      await stopWorker(worker);
      progress.push(await imported());
    }
    const worker = await spawnWorker(db.url);
    try {
      const until = Date.now() + 90_000;
      while ((await imported()) < MAILS && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    } finally {
      await stopWorker(worker, "SIGTERM");
    }
    console.log(`imported after each kill: ${progress.join(", ")}`);
    // The kills really happened while importing, not after the last mail.
    expect(progress.every((n) => n < MAILS)).toBe(true);
    const rows = await handle.db.execute<{ message_id: string; n: number }>(sql`
      select message_id, count(*)::int as n from ticket_entries where message_id like 'crash-%' group by message_id`);
    expect(rows.length).toBe(MAILS);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    const [tickets] = await handle.db.execute<{ n: number }>(sql`select count(*)::int as n from tickets where title like 'crash test %'`);
    expect(tickets.n).toBe(MAILS);
  }, 300_000);
});
