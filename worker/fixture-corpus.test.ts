import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { inboundMails, mailAccounts } from "../db/schema";
import { upsertMailAccountFromUrls } from "../db/seed";
import { createFreshDatabase, type FreshDatabase } from "../db/testing/fresh-database";
import { TEST_APP_SECRET, testDeps } from "../db/testing/test-deps";
import { appendMail, freePort, startDovecot, type DovecotServer } from "../e2e/fixtures/dovecot";
import { setSetting } from "../server/domain/settings";
import { watchAccount } from "./imap/watch-account";

/** The real-world fixture corpus, through `npm run ingest` and through Dovecot: nothing lost, nothing crashes. */
const root = path.resolve(import.meta.dirname, "..");
const folder = path.join(root, "worker", "fixtures", "mails");
const files = readdirSync(folder).filter((f) => f.endsWith(".eml")).sort();
const run = promisify(execFile);

describe("fixture corpus", () => {
  let db: FreshDatabase;
  beforeAll(async () => {
    db = await createFreshDatabase("corpus");
  });
  afterAll(() => db?.drop());

  it("npm run ingest files every fixture and prints one JSON line each", async () => {
    const { stdout } = await run(path.join(root, "node_modules", ".bin", "tsx"), ["worker/ingest-cli.ts", folder], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: db.url, APP_SECRET: TEST_APP_SECRET },
    });
    const lines = stdout.trim().split("\n").map((l) => JSON.parse(l) as { file: string; status: string; reason: string | null; attachments: unknown[] });
    expect(lines.map((l) => path.basename(l.file))).toEqual(files);
    const byFile = Object.fromEntries(lines.map((l) => [path.basename(l.file), l]));
    expect(byFile["not-a-mail.eml"]).toMatchObject({ status: "quarantined" });
    for (const f of files.filter((f) => f !== "not-a-mail.eml")) expect(["created", "appended"], f).toContain(byFile[f].status);
    expect(byFile["nested-rfc822.eml"].attachments).toEqual(expect.arrayContaining([expect.objectContaining({ contentType: "message/rfc822" })]));
  }, 120_000);
});

describe("fixture corpus over IMAP", () => {
  const deps = testDeps();
  let dovecot: DovecotServer;
  let accountId: number;
  beforeAll(async () => {
    const address = `corpus-${Date.now()}@example.test`;
    const password = `pw-${Date.now()}`;
    dovecot = await startDovecot({ users: { [address]: password } });
    await setSetting(deps.db, "mail.allowPrivateHosts", true);
    accountId = await upsertMailAccountFromUrls(deps.db, {
      address, appSecret: TEST_APP_SECRET,
      imapUrl: `imap://${encodeURIComponent(address)}:${password}@127.0.0.1:${dovecot.port}`,
      smtpUrl: `smtp://127.0.0.1:${await freePort()}`,
    });
    // No queue: replies in other tests must not pick this account as their sender.
    await deps.db.update(mailAccounts).set({ queueId: null }).where(eq(mailAccounts.id, accountId));
    for (const f of files) await appendMail(dovecot, address, readFileSync(path.join(folder, f)));
  }, 60_000);
  afterAll(async () => {
    await deps.db.update(mailAccounts).set({ active: false }).where(eq(mailAccounts.id, accountId));
    await dovecot?.stop();
    await deps.handle.close();
  });

  it("every fixture APPENDed to Dovecot is stored and filed or quarantined", async () => {
    const watcher = watchAccount(deps, accountId, { mode: "idle", pollIntervalMs: 60_000, appSecret: TEST_APP_SECRET, log: () => {} });
    try {
      const until = Date.now() + 30_000;
      let rows: { status: string }[] = [];
      while (Date.now() < until) {
        rows = await deps.db.select({ status: inboundMails.status }).from(inboundMails).where(eq(inboundMails.accountId, accountId));
        if (rows.length === files.length && rows.every((r) => r.status !== "received")) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(rows).toHaveLength(files.length);
      expect(rows.filter((r) => r.status === "quarantined")).toHaveLength(1);
      expect(rows.every((r) => ["created", "appended", "duplicate", "quarantined"].includes(r.status))).toBe(true);
    } finally {
      await watcher.stop();
    }
  });
});
