import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { inboundMails, mailAccounts, type MailAccount } from "../db/schema";
import { TEST_APP_SECRET, testDeps } from "../db/testing/test-deps";
import { sealSecret } from "../lib/secret-box";
import { appendMail, startDovecot, type DovecotServer } from "../e2e/fixtures/dovecot";
import { setSetting } from "../server/domain/config/settings";
import { watchAccount } from "./imap/watch-account";
import { waitFor } from "../db/testing/wait-for";

/**
 * What the watcher does with a mail once ingest has stored it, per account: mark it seen,
 * move it to a folder (created when missing), or delete it; and that it only takes unseen
 * mail and keeps catching up by UID while INBOX shrinks.
 */
const deps = testDeps();
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const users = { [`seen-${stamp}@example.test`]: "pw-seen", [`move-${stamp}@example.test`]: "pw-move", [`del-${stamp}@example.test`]: "pw-del" };
const [seenBox, moveBox, delBox] = Object.keys(users);
let dovecot: DovecotServer;

const mail = (to: string, n: string) =>
  `From: c@customer.test\r\nTo: ${to}\r\nSubject: mail ${n}\r\nMessage-ID: <${n}-${stamp}@customer.test>\r\n\r\nBody ${n}`;

/** The mailbox as another IMAP client sees it: folder → [{ uid, seen }]. */
async function look(user: string, folder: string): Promise<{ uid: number; seen: boolean; subject: string }[]> {
  const c = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user, pass: users[user] }, logger: false });
  await c.connect();
  try {
    const box = await c.mailboxOpen(folder, { readOnly: true });
    if (!box.exists) return [];
    const out = [];
    for await (const m of c.fetch("1:*", { uid: true, flags: true, envelope: true })) {
      out.push({ uid: m.uid, seen: !!m.flags?.has("\\Seen"), subject: m.envelope?.subject ?? "" });
    }
    return out;
  } finally {
    await c.logout();
  }
}

async function appendSeen(user: string, raw: string): Promise<void> {
  const c = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user, pass: users[user] }, logger: false });
  await c.connect();
  await c.append("INBOX", raw, ["\\Seen"]);
  await c.logout();
}

async function account(address: string, afterImport: MailAccount["afterImport"], afterImportFolder: string | null): Promise<number> {
  const [row] = await deps.db
    .insert(mailAccounts)
    .values({
      address, active: true, imapHost: "127.0.0.1", imapPort: dovecot.port, imapEncryption: "none", imapUser: address,
      imapPassword: sealSecret(users[address], TEST_APP_SECRET), smtpHost: "127.0.0.1", smtpPort: 25, smtpEncryption: "none",
      // No queue (the default one): as sender, they rank after the accounts that feed a queue.
      queueId: null, afterImport, afterImportFolder,
    })
    .returning({ id: mailAccounts.id });
  return row.id;
}
const imported = async (accountId: number) => deps.db.select().from(inboundMails).where(eq(inboundMails.accountId, accountId));

beforeAll(async () => {
  dovecot = await startDovecot({ users });
  await setSetting(deps.db, "mail.allowPrivateHosts", true); // Dovecot is on 127.0.0.1
});
afterAll(async () => {
  // Leave nothing active behind for the other tests in this database.
  await deps.db.update(mailAccounts).set({ active: false }).where(inArray(mailAccounts.address, Object.keys(users)));
  await dovecot?.stop();
  await deps.handle.close();
});

describe("after import", () => {
  it("mark_seen: takes only unseen mail and marks it seen", async () => {
    await appendSeen(seenBox, mail(seenBox, "already-read"));
    await appendMail(dovecot, seenBox, mail(seenBox, "new-1"));
    const id = await account(seenBox, "mark_seen", null);
    const w = watchAccount(deps, id, { mode: "idle", pollIntervalMs: 60_000, appSecret: TEST_APP_SECRET, log: () => {} });
    try {
      await waitFor("one import", async () => (await imported(id)).length === 1);
      await waitFor("the mail marked seen", async () => (await look(seenBox, "INBOX")).every((m) => m.seen));
      const [acc] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, id));
      expect(acc.state).toBe("idle");
      expect(acc.lastFetchAt).toBeInstanceOf(Date);
      expect(acc.lastUid).toBe(2);
      expect((await imported(id)).map((m) => m.uid)).toEqual([2]); // the read one (UID 1) was left alone
    } finally {
      await w.stop();
    }
  });

  it("move: creates the folder, moves imported mail there, and keeps catching up", async () => {
    await appendMail(dovecot, moveBox, mail(moveBox, "m1"));
    await appendMail(dovecot, moveBox, mail(moveBox, "m2"));
    const id = await account(moveBox, "move", "Imported");
    const w = watchAccount(deps, id, { mode: "idle", pollIntervalMs: 60_000, appSecret: TEST_APP_SECRET, log: () => {} });
    try {
      await waitFor("two imports", async () => (await imported(id)).length === 2);
      await waitFor("INBOX emptied", async () => (await look(moveBox, "INBOX")).length === 0);
      const moved = await look(moveBox, "Imported");
      expect(moved.map((m) => m.subject).sort()).toEqual(["mail m1", "mail m2"]);
      expect(moved.every((m) => m.seen)).toBe(true);

      // INBOX is empty now; the next mail still arrives (over IDLE) and is moved too.
      await appendMail(dovecot, moveBox, mail(moveBox, "m3"));
      await waitFor("the third import", async () => (await imported(id)).length === 3);
      await waitFor("the third moved", async () => (await look(moveBox, "Imported")).length === 3);
      expect((await imported(id)).map((m) => m.uid).sort()).toEqual([1, 2, 3]);
    } finally {
      await w.stop();
    }
  });

  it("delete: removes imported mail from the server, and reconnecting imports nothing twice", async () => {
    await appendMail(dovecot, delBox, mail(delBox, "d1"));
    const id = await account(delBox, "delete", null);
    const opts = { mode: "idle" as const, pollIntervalMs: 60_000, appSecret: TEST_APP_SECRET, log: () => {} };
    let w = watchAccount(deps, id, opts);
    try {
      await waitFor("the import", async () => (await imported(id)).length === 1);
      await waitFor("the mail deleted", async () => (await look(delBox, "INBOX")).length === 0);
      await appendMail(dovecot, delBox, mail(delBox, "d2"));
      await waitFor("the second import", async () => (await imported(id)).length === 2);
      await waitFor("the second deleted", async () => (await look(delBox, "INBOX")).length === 0);
    } finally {
      await w.stop();
    }
    // While stopped, one more arrives: after a restart only that one is imported.
    await appendMail(dovecot, delBox, mail(delBox, "d3"));
    w = watchAccount(deps, id, opts);
    try {
      await waitFor("the third import", async () => (await imported(id)).length === 3);
      await new Promise((r) => setTimeout(r, 500));
      expect((await imported(id)).map((m) => m.uid).sort()).toEqual([1, 2, 3]);
    } finally {
      await w.stop();
    }
  });
});
