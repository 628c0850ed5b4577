import { afterAll, beforeAll, describe, expect, it } from "vitest";
import net from "node:net";
import { eq, like } from "drizzle-orm";
import { inboundMails, mailAccounts, type MailAccount } from "../db/schema";
import { ensureSupportQueue, TEST_APP_SECRET, testDeps } from "../db/testing/test-deps";
import { waitFor } from "../db/testing/wait-for";
import { sealSecret } from "../lib/secret-box";
import { appendMail, freePort, startDovecot, type DovecotServer } from "../e2e/fixtures/dovecot";
import { setSetting } from "../server/domain/config/settings";
import { superviseAccounts, type AccountSupervisor } from "./imap/account-supervisor";

/**
 * Broken accounts next to a healthy one, under the supervisor the worker runs: a wrong
 * password, a port nobody listens on, and a server that accepts the connection but never
 * greets (the client waits out its 15 s greeting timeout). They fail and retry with backoff
 * on their own; the healthy account still gets its mail within seconds.
 */
const deps = testDeps();
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const prefix = `iso-${stamp}-`;
const healthy = `${prefix}ok@example.test`;
const users = { [healthy]: "pw-ok", [`${prefix}badpw@example.test`]: "pw-right" };
let dovecot: DovecotServer;
let silent: net.Server;
const held = new Set<net.Socket>();
let supervisor: AccountSupervisor;
const logs: string[] = [];

async function account(address: string, port: number, password: string): Promise<number> {
  const [row] = await deps.db
    .insert(mailAccounts)
    .values({
      address, active: true, imapHost: "127.0.0.1", imapPort: port, imapEncryption: "none", imapUser: address,
      imapPassword: sealSecret(password, TEST_APP_SECRET), smtpHost: "127.0.0.1", smtpPort: 25, smtpEncryption: "none", queueId: null,
    })
    .returning({ id: mailAccounts.id });
  return row.id;
}
const row = async (id: number) => (await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, id)))[0];
const inState = (id: number, state: MailAccount["state"]) => async () => ((await row(id)).state === state ? row(id) : null);

beforeAll(async () => {
  dovecot = await startDovecot({ users });
  silent = net.createServer((s) => void held.add(s)); // accepts, then says nothing
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
  await setSetting(deps.db, "mail.allowPrivateHosts", true); // everything is on 127.0.0.1
  await ensureSupportQueue(deps);
});
afterAll(async () => {
  await supervisor?.stop();
  // Leave nothing active behind for the other tests in this database.
  await deps.db.update(mailAccounts).set({ active: false }).where(like(mailAccounts.address, `${prefix}%`));
  for (const s of held) s.destroy();
  await new Promise((r) => silent?.close(r));
  await dovecot?.stop();
  await deps.handle.close();
});

describe("one failing account next to a healthy one", () => {
  it("keeps the healthy account's mail coming while the others fail and retry", async () => {
    const ok = await account(healthy, dovecot.port, "pw-ok");
    const badPassword = await account(`${prefix}badpw@example.test`, dovecot.port, "wrong");
    const refused = await account(`${prefix}refused@example.test`, await freePort(), "x");
    const mute = await account(`${prefix}mute@example.test`, (silent.address() as net.AddressInfo).port, "x");
    supervisor = superviseAccounts(deps, {
      mode: "idle", pollIntervalMs: 60_000, appSecret: TEST_APP_SECRET, log: (m) => logs.push(m),
      include: (a) => a.address.startsWith(prefix),
    });

    await waitFor("the healthy account to be idle", inState(ok, "idle"), 10_000);
    expect((await waitFor("the wrong password to fail", inState(badPassword, "error"), 10_000)).lastError).toMatch(/auth/i);
    expect((await waitFor("the closed port to fail", inState(refused, "error"), 10_000)).lastError).toMatch(/refused/i);
    for (const n of [1, 2]) {
      // Timed from the moment the mail is in the mailbox: Dovecot slows down logins from an
      // address with failed ones (its auth penalty), and the APPEND logs in from 127.0.0.1 too.
      await appendMail(dovecot, healthy, `From: c@customer.test\r\nTo: ${healthy}\r\nSubject: ${n}\r\nMessage-ID: <iso-${n}-${stamp}@customer.test>\r\n\r\nHi`);
      const t0 = Date.now();
      await waitFor(`mail ${n} of the healthy account`, async () => (await deps.db.select().from(inboundMails).where(eq(inboundMails.accountId, ok))).length === n, 5000);
      expect(Date.now() - t0).toBeLessThan(3000);
    }
    // Meanwhile the broken ones went round their retry loop, each on its own.
    const retries = (id: number) => logs.filter((l) => l.startsWith(`account ${id}: reconnecting`)).length;
    await waitFor("a second retry of both", async () => retries(badPassword) >= 2 && retries(refused) >= 2, 10_000);
    expect((await row(mute)).state).not.toBe("idle"); // still waiting for a greeting that never comes
    expect(supervisor.watching()).toEqual([ok, badPassword, refused, mute].sort((a, b) => a - b));
    // Still healthy: back to idle after whatever it is doing (a fetch, the periodic safety search).
    await waitFor("the healthy account to be idle again", inState(ok, "idle"), 10_000);

    // Stopping does not hang on the account stuck in its connect.
    const t0 = Date.now();
    await supervisor.stop();
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
