import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq, like, sql } from "drizzle-orm";
import { connectDb, type Db } from "../db/client";
import { attachments, contacts, inboundMails, mailAccounts, quarantinedMails, ticketEntries, tickets } from "../db/schema";
import { ensureBaseData, upsertMailAccountFromUrls } from "../db/seed";
import { createFreshDatabase, type FreshDatabase } from "../db/testing/fresh-database";
import { TEST_APP_SECRET, testDeps, type TestDeps } from "../db/testing/test-deps";
import { waitFor } from "../db/testing/wait-for";
import { appendMail, freePort, startDovecot, type DovecotServer } from "../e2e/fixtures/dovecot";
import { setSetting } from "../server/domain/config/settings";
import { fileStrandedMails, MAX_MAIL_ATTEMPTS } from "../server/domain/mail/ingest";
import { normalMail, poisonMails } from "./fixtures/poison-mails";
import { watchAccount } from "./imap/watch-account";

/**
 * One hostile mail must never stop the desk. Mails with NUL and other control bytes in the
 * body, subject, a header, a display name and an attachment name go in through each path
 * (`npm run ingest`, Dovecot, the worker's start), followed by a normal mail that must arrive.
 * A mail whose processing keeps failing (the process died on it N times) is quarantined by id
 * and skipped instead of blocking its mailbox or the worker's start.
 */
const root = path.resolve(import.meta.dirname, "..");
const run = promisify(execFile);

/** No string stored from these mails may still hold a NUL; the poison is filed, not refused. */
async function expectFiledWithoutNul(db: Db, tag: string) {
  const rows = await db
    .select({ status: inboundMails.status, reason: inboundMails.reason })
    .from(inboundMails)
    .where(like(inboundMails.messageId, `${tag}-%`));
  const poison = poisonMails(tag);
  expect(rows).toHaveLength(poison.length + 1);
  for (const r of rows) expect(r.status, r.reason ?? "").toBe("created");
  const entries = await db.select().from(ticketEntries).where(like(ticketEntries.messageId, `${tag}-%`));
  expect(entries).toHaveLength(poison.length + 1);
  const stored = JSON.stringify(entries);
  expect(stored).not.toContain("\\u0000");
  // The rest of the text survives: only the bytes PostgreSQL refuses are gone.
  expect(entries.find((e) => e.messageId === `${tag}-body@poison.test`)?.bodyText).toContain("before\x01\x07\x1b\x7fafter");
  expect(entries.find((e) => e.messageId === `${tag}-subject@poison.test`)?.subject).toBe(`Poison ${tag} sub\x01\x07\x1b\x7fject`);
  const named = entries.find((e) => e.messageId === `${tag}-name@poison.test`)!;
  const [sender] = await db.select().from(contacts).where(eq(contacts.id, named.authorContactId!));
  expect(sender).toMatchObject({ email: "poison-name@sender.test", name: "Poison Name" });
  const withFile = entries.find((e) => e.messageId === `${tag}-attachment@poison.test`)!;
  const files = await db.select({ filename: attachments.filename }).from(attachments).where(eq(attachments.entryId, withFile.id));
  expect(files.map((f) => f.filename)).toContain("report\x01\x07\x1b\x7f.pdf");
  const [normal] = await db.select().from(tickets).where(eq(tickets.title, `Normal ${tag} after the poison`));
  expect(normal).toBeDefined();
}

describe("poison mail through npm run ingest", () => {
  let fresh: FreshDatabase;
  let handle: ReturnType<typeof connectDb>;
  beforeAll(async () => {
    fresh = await createFreshDatabase("poison_cli");
    handle = connectDb(fresh.url, { max: 2 });
  });
  afterAll(async () => {
    await handle?.close();
    await fresh?.drop();
  });

  it("files every poison mail and the normal mail after them, one JSON line each", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "poison-"));
    try {
      const poison = poisonMails("cli");
      poison.forEach((p, i) => writeFileSync(path.join(dir, `${i}-poison.eml`), p.raw));
      writeFileSync(path.join(dir, "9-normal.eml"), normalMail("cli"));
      // A path that cannot be read comes first: reported on its line, and the batch goes on.
      const missing = path.join(dir, "gone.eml");
      const { stdout, code } = await run(path.join(root, "node_modules", ".bin", "tsx"), ["worker/ingest-cli.ts", missing, dir], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: fresh.url, APP_SECRET: TEST_APP_SECRET },
      }).then((r) => ({ ...r, code: 0 }), (err: { stdout: string; code: number }) => err);
      const lines = stdout.trim().split("\n").map((l) => JSON.parse(l) as { file: string; status: string });
      expect(lines[0]).toMatchObject({ file: missing, status: "failed" });
      expect(lines.slice(1).map((l) => l.status)).toEqual(Array(poison.length + 1).fill("created"));
      expect(code).toBe(1);
      await expectFiledWithoutNul(handle.db, "cli");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("poison mail over IMAP and at worker start", () => {
  let fresh: FreshDatabase;
  let deps: TestDeps;
  let dovecot: DovecotServer;
  let accountId: number;
  let address: string;
  const log: string[] = [];
  const inbound = () => deps.db.select().from(inboundMails).where(eq(inboundMails.accountId, accountId));
  async function watchUntil(what: string, done: () => Promise<boolean>) {
    const watcher = watchAccount(deps, accountId, { mode: "idle", pollIntervalMs: 60_000, appSecret: TEST_APP_SECRET, log: (m) => log.push(m) });
    try {
      await waitFor(what, done, 30_000);
    } finally {
      await watcher.stop();
    }
  }

  beforeAll(async () => {
    fresh = await createFreshDatabase("poison_imap");
    deps = testDeps(fresh.url);
    await ensureBaseData(deps.db);
    address = `poison-${Date.now()}@example.test`;
    const password = `pw-${Date.now()}`;
    dovecot = await startDovecot({ users: { [address]: password } });
    await setSetting(deps.db, "mail.allowPrivateHosts", true);
    accountId = await upsertMailAccountFromUrls(deps.db, {
      address, appSecret: TEST_APP_SECRET,
      imapUrl: `imap://${encodeURIComponent(address)}:${password}@127.0.0.1:${dovecot.port}`,
      smtpUrl: `smtp://127.0.0.1:${await freePort()}`,
    });
  }, 60_000);
  afterAll(async () => {
    await dovecot?.stop();
    await deps?.handle.close();
    await fresh?.drop();
  });

  it("poison mails APPENDed to Dovecot are filed, and the normal mail after them arrives", async () => {
    for (const p of poisonMails("imap")) await appendMail(dovecot, address, p.raw);
    await appendMail(dovecot, address, normalMail("imap"));
    const total = poisonMails("imap").length + 1;
    await watchUntil("every mail filed", async () => {
      const rows = await inbound();
      return rows.length === total && rows.every((r) => r.status !== "received");
    });
    await expectFiledWithoutNul(deps.db, "imap");
    const [account] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
    expect(account.lastUid).toBe(total);
  });

  it(`a mail the process died on ${MAX_MAIL_ATTEMPTS} times is quarantined by its UID, and the mailbox goes on`, async () => {
    const [account] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
    const uid = account.lastUid + 1;
    await appendMail(dovecot, address, normalMail("killer-imap"));
    await appendMail(dovecot, address, normalMail("after-killer-imap"));
    // As the earlier runs left it: stored, attempted N times, never finished.
    await deps.db.insert(inboundMails).values({
      source: "imap", accountId, uidValidity: account.uidValidity, uid, raw: normalMail("killer-imap"), sha256: "x", attempts: MAX_MAIL_ATTEMPTS,
    });
    await watchUntil("the mail after it filed", async () => (await inbound()).filter((r) => r.status !== "received").length === account.lastUid + 2);
    const [killer] = await deps.db.select().from(inboundMails).where(and(eq(inboundMails.accountId, accountId), eq(inboundMails.uid, uid)));
    expect(killer).toMatchObject({ status: "quarantined", reason: expect.stringMatching(new RegExp(`failed ${MAX_MAIL_ATTEMPTS} times`)) });
    expect(await deps.db.select().from(quarantinedMails).where(eq(quarantinedMails.inboundMailId, killer.id))).toHaveLength(1);
    expect(await deps.db.select().from(tickets).where(eq(tickets.title, "Normal killer-imap after the poison"))).toEqual([]);
    expect(await deps.db.select().from(tickets).where(eq(tickets.title, "Normal after-killer-imap after the poison"))).toHaveLength(1);
  });

  it("at worker start, stranded poison mails are filed and a mail that keeps killing the process is skipped", async () => {
    const stranded = (raw: Buffer, attempts = 0) =>
      deps.db
        .insert(inboundMails)
        .values({ source: "smtp", raw, sha256: "x", attempts, receivedAt: sql`now() - interval '5 minutes'` })
        .returning({ id: inboundMails.id })
        .then(([r]) => r.id);
    const ids = [];
    for (const p of poisonMails("start")) ids.push(await stranded(p.raw));
    const killer = await stranded(normalMail("killer-start"), MAX_MAIL_ATTEMPTS);
    ids.push(await stranded(normalMail("start")));
    expect(await fileStrandedMails(deps)).toBe(ids.length + 1);
    await expectFiledWithoutNul(deps.db, "start");
    const [row] = await deps.db.select().from(inboundMails).where(eq(inboundMails.id, killer));
    expect(row).toMatchObject({ status: "quarantined", attempts: MAX_MAIL_ATTEMPTS + 1 });
  });

  it("at worker start, a mail the database refuses to file is counted and left, and the next one is filed", async () => {
    // Stands in for any failure we have not foreseen: the row of this one mail cannot leave `received`.
    await deps.db.execute(sql`
      create function refuse_stuck() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test'; end $$;
      create trigger refuse_stuck before update on inbound_mails for each row
        when (new.origin = 'stuck' and new.status <> 'received') execute function refuse_stuck()`);
    const at = sql`now() - interval '5 minutes'`;
    const [stuck] = await deps.db
      .insert(inboundMails)
      .values({ source: "smtp", origin: "stuck", raw: normalMail("stuck"), sha256: "x", receivedAt: at })
      .returning();
    await deps.db.insert(inboundMails).values({ source: "smtp", raw: normalMail("after-stuck"), sha256: "x", receivedAt: at });
    expect(await fileStrandedMails(deps)).toBe(1);
    expect(await deps.db.select().from(tickets).where(eq(tickets.title, "Normal after-stuck after the poison"))).toHaveLength(1);
    const [row] = await deps.db.select().from(inboundMails).where(eq(inboundMails.id, stuck.id));
    expect(row).toMatchObject({ status: "received", attempts: 1 });
  });
});
