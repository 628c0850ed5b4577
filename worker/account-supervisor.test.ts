import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { inboundMails, mailAccounts, outbox, type MailAccount } from "../db/schema";
import { TEST_APP_SECRET, testDeps } from "../db/testing/test-deps";
import { sealSecret } from "../lib/secret-box";
import { appendMail, startDovecot, type DovecotServer } from "../e2e/fixtures/dovecot";
import { setSetting } from "../server/domain/config/settings";
import { superviseAccounts, type AccountSupervisor } from "./imap/account-supervisor";
import { waitFor } from "../db/testing/wait-for";

/**
 * The supervisor against a real Dovecot: accounts inserted, deactivated, changed or deleted
 * in the database are picked up by the running worker within its 5 s pass, with no restart.
 * It only looks after this file's accounts (other test files share the database).
 */
const deps = testDeps();
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const prefix = `sup-${stamp}-`;
const users = Object.fromEntries(Array.from({ length: 22 }, (_, i) => [`${prefix}${i}@example.test`, `pw-${i}-${stamp}`]));
const addresses = Object.keys(users);
let dovecot: DovecotServer;
let supervisor: AccountSupervisor;
const logs: string[] = [];

const stateOf = async (id: number) => (await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, id)))[0];
const stateIs = (id: number, state: MailAccount["state"]) => async () => {
  const a = await stateOf(id);
  return a?.state === state ? a : null;
};

async function insertAccount(address: string, over: Partial<typeof mailAccounts.$inferInsert> = {}): Promise<number> {
  const [row] = await deps.db
    .insert(mailAccounts)
    .values({
      address, active: true, imapHost: "127.0.0.1", imapPort: dovecot.port, imapEncryption: "none", imapUser: address,
      imapPassword: sealSecret(users[address], TEST_APP_SECRET), smtpHost: "127.0.0.1", smtpPort: 25, smtpEncryption: "none",
      // No queue (the default one): as sender, they rank after the accounts that feed a queue.
      queueId: null, state: "stopped", ...over,
    })
    .returning({ id: mailAccounts.id });
  return row.id;
}

beforeAll(async () => {
  dovecot = await startDovecot({ users });
  await setSetting(deps.db, "mail.allowPrivateHosts", true); // Dovecot is on 127.0.0.1
  supervisor = superviseAccounts(deps, {
    mode: "idle", pollIntervalMs: 60_000, appSecret: TEST_APP_SECRET, log: (m) => logs.push(m),
    include: (a) => a.address.startsWith(prefix),
  });
});
afterAll(async () => {
  await supervisor?.stop();
  await dovecot?.stop();
  await deps.handle.close();
});

describe("mail account supervisor", () => {
  it("starts a watcher for a new active account within 10 s and stops it when deactivated", async () => {
    const address = addresses[0];
    const id = await insertAccount(address);
    const idle = await waitFor("the new account to be watched", stateIs(id, "idle"), 10_000);
    expect(idle.lastFetchAt).toBeInstanceOf(Date);
    expect(supervisor.watching()).toContain(id);

    // It really imports: a mail appended now becomes an inbound mail of this account.
    await appendMail(dovecot, address, `From: c@customer.test\r\nTo: ${address}\r\nSubject: via supervisor ${stamp}\r\nMessage-ID: <sup-${stamp}@customer.test>\r\n\r\nHello`);
    await waitFor("the mail to be imported", async () => (await deps.db.select().from(inboundMails).where(eq(inboundMails.accountId, id)))[0], 15_000);

    await deps.db.update(mailAccounts).set({ active: false }).where(eq(mailAccounts.id, id));
    await waitFor("the watcher to stop", stateIs(id, "stopped"), 10_000);
    expect(supervisor.watching()).not.toContain(id);
  });

  it("restarts a watcher whose settings change, and drops a deleted account", async () => {
    const address = addresses[1];
    const id = await insertAccount(address);
    await waitFor("idle", stateIs(id, "idle"), 10_000);

    await deps.db.update(mailAccounts).set({ imapPassword: sealSecret("wrong", TEST_APP_SECRET) }).where(eq(mailAccounts.id, id));
    const failed = await waitFor("the changed password to be used", stateIs(id, "error"), 10_000);
    expect(failed.lastError).toMatch(/auth|fail/i);
    expect(logs.some((l) => l.includes(`restarting ${address}`))).toBe(true);

    await deps.db.update(mailAccounts).set({ imapPassword: sealSecret(users[address], TEST_APP_SECRET) }).where(eq(mailAccounts.id, id));
    await waitFor("idle again", stateIs(id, "idle"), 10_000);
    expect(supervisor.watching().filter((w) => w === id)).toHaveLength(1);

    await deps.db.transaction(async (tx) => {
      // Should another test's reply have picked this account as its sender meanwhile.
      await tx.update(outbox).set({ accountId: null }).where(eq(outbox.accountId, id));
      await tx.delete(mailAccounts).where(eq(mailAccounts.id, id));
    });
    await waitFor("the deleted account's watcher to go", async () => !supervisor.watching().includes(id), 10_000);
    expect(logs.some((l) => l.includes(`stopped watching ${address}`))).toBe(true);
  });

  it("watches 20 accounts at once", async () => {
    const ids: number[] = [];
    for (const address of addresses.slice(2, 22)) ids.push(await insertAccount(address));
    await waitFor(
      "all 20 accounts to be idle",
      async () => (await deps.db.select().from(mailAccounts).where(inArray(mailAccounts.id, ids))).every((a) => a.state === "idle"),
      20_000,
    );
    expect(supervisor.watching().filter((id) => ids.includes(id))).toHaveLength(20);

    await deps.db.update(mailAccounts).set({ active: false }).where(inArray(mailAccounts.id, ids));
    await waitFor(
      "all 20 to stop",
      async () => (await deps.db.select().from(mailAccounts).where(inArray(mailAccounts.id, ids))).every((a) => a.state === "stopped"),
      15_000,
    );
    expect(supervisor.watching().filter((id) => ids.includes(id))).toHaveLength(0);
  });
});
