import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { inboundMails, mailAccounts, ticketEntries } from "../db/schema";
import { ensureSupportQueue, TEST_APP_SECRET, testDeps } from "../db/testing/test-deps";
import { waitFor } from "../db/testing/wait-for";
import { sealSecret } from "../lib/secret-box";
import { appendMail, startDovecot, type DovecotServer } from "../e2e/fixtures/dovecot";
import { setSetting } from "../server/domain/config/settings";
import { watchAccount } from "./imap/watch-account";

/**
 * A mailbox that comes back with a new UIDVALIDITY (restored from a backup, moved to another
 * server) while the watcher runs: every UID is new, every mail unseen again. The watcher reads
 * it all again; nothing may be filed twice, and the one really new mail must come in.
 */
const deps = testDeps();
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const address = `resync-${stamp}@example.test`;
let dovecot: DovecotServer;

const withId = (n: string) =>
  `From: c@customer.test\r\nTo: ${address}\r\nSubject: ${n} ${stamp}\r\nMessage-ID: <${n}-${stamp}@customer.test>\r\n\r\nBody ${n}`;
// Some senders (scripts, old devices) send no Message-ID; ingest must still know it again.
const withoutId = `From: c@customer.test\r\nTo: ${address}\r\nSubject: no id ${stamp}\r\n\r\nA mail without Message-ID`;
const old = [withId("a"), withId("b"), withoutId];

/**
 * Deletes INBOX's maildir contents and index behind Dovecot's back. Dovecot drops the open
 * session ("IMAP session state is inconsistent") and recreates the mailbox empty, with UIDs
 * from 1 and the next UIDVALIDITY (its dovecot-uidvalidity file, kept, makes it a new one).
 */
async function recreateInbox(): Promise<void> {
  const box = path.join(dovecot.dir, "mail", address);
  await promisify(execFile)("sh", ["-c", 'rm -rf "$1"/cur/* "$1"/new/* "$1"/tmp/* "$1"/dovecot-uidlist "$1"/dovecot.index*', "sh", box]);
}

const rows = () => deps.db.select().from(inboundMails).where(eq(inboundMails.accountId, accountId));
let accountId: number;

beforeAll(async () => {
  dovecot = await startDovecot({ users: { [address]: "pw-resync" } });
  await setSetting(deps.db, "mail.allowPrivateHosts", true); // Dovecot is on 127.0.0.1
  await ensureSupportQueue(deps); // where new tickets go when this file runs alone
  const [row] = await deps.db
    .insert(mailAccounts)
    .values({
      address, active: true, imapHost: "127.0.0.1", imapPort: dovecot.port, imapEncryption: "none", imapUser: address,
      imapPassword: sealSecret("pw-resync", TEST_APP_SECRET), smtpHost: "127.0.0.1", smtpPort: 25, smtpEncryption: "none", queueId: null,
    })
    .returning({ id: mailAccounts.id });
  accountId = row.id;
});
afterAll(async () => {
  await deps.db.update(mailAccounts).set({ active: false }).where(eq(mailAccounts.address, address));
  await dovecot?.stop();
  await deps.handle.close();
});

describe("UIDVALIDITY change", () => {
  it("reads the mailbox again without filing anything twice, and imports the new mail", async () => {
    for (const raw of old) await appendMail(dovecot, address, raw);
    const logs: string[] = [];
    // Polling, not IDLE: after its files were deleted underneath it, Dovecot may not announce
    // new mail to an IDLE session for up to its 30 s idle check; the resync logic is the same.
    const w = watchAccount(deps, accountId, { mode: "poll", pollIntervalMs: 500, appSecret: TEST_APP_SECRET, log: (m) => logs.push(m) });
    try {
      await waitFor("the first three imports", async () => (await rows()).filter((r) => r.status === "created").length === 3);
      const [before] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
      const firstTickets = (await rows()).map((r) => r.ticketId).sort();

      await recreateInbox();
      // Dovecot notices within a second or so and drops the watcher's session. Appending before
      // that lets the open session trip over the half-rebuilt index and stay silent (a Dovecot
      // artefact of deleting files under it, which a real migration or restore does not do).
      await waitFor("the watcher to lose its session", async () => logs.some((l) => l.includes("reconnecting")), 10_000);
      for (const raw of [...old, withId("d")]) await appendMail(dovecot, address, raw);

      await waitFor("the resync to reach the fourth UID", async () => {
        const [a] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
        return a.uidValidity !== before.uidValidity && a.lastUid === 4 && (await rows()).every((r) => r.status !== "received");
      }, 15_000);
      await new Promise((r) => setTimeout(r, 500)); // nothing more may trickle in

      const [after] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
      const again = (await rows()).filter((r) => r.uidValidity === after.uidValidity).sort((x, y) => x.uid! - y.uid!);
      // UIDs 1-3 are reused under the new UIDVALIDITY: only the mail itself tells it is known.
      expect(again.map((r) => [r.uid, r.status])).toEqual([[1, "duplicate"], [2, "duplicate"], [3, "duplicate"], [4, "created"]]);
      expect(again.slice(0, 3).map((r) => r.ticketId).sort()).toEqual(firstTickets);
      expect(again[2].reason).toMatch(/without Message-ID/);
      expect((await rows()).filter((r) => r.status === "created")).toHaveLength(4);
      for (const n of ["a", "b", "d"]) {
        expect(await deps.db.select().from(ticketEntries).where(eq(ticketEntries.messageId, `${n}-${stamp}@customer.test`))).toHaveLength(1);
      }
    } finally {
      await w.stop();
    }
  });
});
