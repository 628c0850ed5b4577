import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { inboundMails, mailAccounts } from "../db/schema";
import { ensureSupportQueue, TEST_APP_SECRET, testDeps } from "../db/testing/test-deps";
import { waitFor } from "../db/testing/wait-for";
import { sealSecret } from "../lib/secret-box";
import { appendMail, startDovecot, type DovecotServer } from "../e2e/fixtures/dovecot";
import { setSetting } from "../server/domain/config/settings";
import { DEFAULT_MAX_IDLE_MS, watchAccount, type WatchOptions } from "./imap/watch-account";
import { startImapProxy, type ImapProxy } from "./imap/testing/imap-proxy";

/**
 * How the watcher waits for mail (G2): IDLE, restarted in place so a dead connection is
 * noticed; polling when the server has no IDLE or poll mode is chosen. A proxy between the
 * watcher and Dovecot shows the commands on the wire, and plays a server without IDLE.
 */
const deps = testDeps();
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const users = {
  [`restart-${stamp}@example.test`]: "pw-r", [`noidle-${stamp}@example.test`]: "pw-n", [`poll-${stamp}@example.test`]: "pw-p", [`stall-${stamp}@example.test`]: "pw-s",
};
const [restartBox, noIdleBox, pollBox, stallBox] = Object.keys(users);
let dovecot: DovecotServer;
const proxies: ImapProxy[] = [];

async function account(address: string, port: number): Promise<number> {
  const [row] = await deps.db
    .insert(mailAccounts)
    .values({
      address, active: true, imapHost: "127.0.0.1", imapPort: port, imapEncryption: "none", imapUser: address,
      imapPassword: sealSecret(users[address], TEST_APP_SECRET), smtpHost: "127.0.0.1", smtpPort: 25, smtpEncryption: "none", queueId: null,
    })
    .returning({ id: mailAccounts.id });
  return row.id;
}
const imported = async (id: number) => deps.db.select().from(inboundMails).where(eq(inboundMails.accountId, id));
const idle = (id: number) => waitFor("the watcher to be idle", async () => (await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, id)))[0]?.state === "idle", 10_000);
const mail = (to: string, n: string) => `From: c@customer.test\r\nTo: ${to}\r\nSubject: ${n}\r\nMessage-ID: <${n}-${stamp}@customer.test>\r\n\r\nBody`;

/** Appends a mail and resolves with how long the watcher took to import it. */
async function deliver(id: number, to: string, n: string, timeoutMs: number): Promise<number> {
  const before = (await imported(id)).length;
  const t0 = Date.now();
  await appendMail(dovecot, to, mail(to, n));
  await waitFor(`"${n}" to be imported`, async () => (await imported(id)).length > before, timeoutMs);
  return Date.now() - t0;
}

async function watched(address: string, opts: Partial<WatchOptions>, proxy: { hideCapabilities?: string[]; freezeOn?: RegExp } = {}) {
  const p = await startImapProxy(dovecot, proxy);
  proxies.push(p);
  const id = await account(address, p.port);
  const logs: string[] = [];
  const w = watchAccount(deps, id, { mode: "idle", pollIntervalMs: 60_000, appSecret: TEST_APP_SECRET, log: (m) => logs.push(m), ...opts });
  return { id, proxy: p, logs, w };
}

beforeAll(async () => {
  dovecot = await startDovecot({ users });
  await setSetting(deps.db, "mail.allowPrivateHosts", true); // Dovecot is on 127.0.0.1
  await ensureSupportQueue(deps); // where new tickets go when this file runs alone
});
afterAll(async () => {
  await deps.db.update(mailAccounts).set({ active: false }).where(inArray(mailAccounts.address, Object.keys(users)));
  await Promise.allSettled(proxies.map((p) => p.close()));
  await dovecot?.stop();
  await deps.handle.close();
});

describe("waiting for mail", () => {
  it("restarts IDLE at most every 10 minutes by default", () => {
    expect(DEFAULT_MAX_IDLE_MS).toBeGreaterThan(0);
    expect(DEFAULT_MAX_IDLE_MS).toBeLessThanOrEqual(10 * 60_000);
  });

  it("restarts IDLE in place after maxIdleMs, and mail still arrives over it", async () => {
    const { id, proxy, w } = await watched(restartBox, { maxIdleMs: 700 });
    try {
      await idle(id);
      // A restart is DONE followed straight by a new IDLE: no search in between, no reconnect.
      const restarts = () => proxy.commands.filter((c, i) => c === "IDLE" && proxy.commands[i - 1] === "DONE" && proxy.commands[i - 2] === "IDLE").length;
      await waitFor("three IDLE restarts", async () => restarts() >= 3, 5000);
      expect(proxy.connections()).toBe(1);
      expect(proxy.commands.filter((c) => c.startsWith("UID SEARCH"))).toHaveLength(1); // the catch-up pass only
      expect(await deliver(id, restartBox, "after-restarts", 5000)).toBeLessThan(5000);
    } finally {
      await w.stop();
    }
  });

  it("polls every pollIntervalMs when the server offers no IDLE", async () => {
    const { id, proxy, logs, w } = await watched(noIdleBox, { pollIntervalMs: 500 }, { hideCapabilities: ["IDLE"] });
    try {
      await idle(id);
      expect(logs.join("\n")).toMatch(/offers no IDLE, polling every 500 ms/);
      // imapflow falls back to a NOOP at once, then every 2 minutes: once that first one is
      // answered, only the watcher's own poll can find the mail within seconds.
      await waitFor("imapflow's first NOOP", async () => proxy.commands.includes("NOOP"), 5000);
      await new Promise((r) => setTimeout(r, 500));
      expect(await deliver(id, noIdleBox, "no-idle", 5000)).toBeLessThan(5000);
      expect(proxy.commands).not.toContain("IDLE");
      expect(proxy.commands.filter((c) => c.startsWith("UID SEARCH")).length).toBeGreaterThanOrEqual(2);
    } finally {
      await w.stop();
    }
  });

  it("in poll mode never sends IDLE, and polls mail in", async () => {
    const { id, proxy, w } = await watched(pollBox, { mode: "poll", pollIntervalMs: 500 });
    try {
      await idle(id);
      expect(await deliver(id, pollBox, "polled", 5000)).toBeLessThan(5000);
      expect(proxy.commands).not.toContain("IDLE");
      expect(proxy.connections()).toBe(1);
    } finally {
      await w.stop();
    }
  });

  it("drops a fetch pass the server stopped answering, reconnects and imports the mail", async () => {
    await appendMail(dovecot, stallBox, mail(stallBox, "stalled"));
    const { id, proxy, logs, w } = await watched(stallBox, { stallMs: 1500 }, { freezeOn: /UID FETCH/ });
    try {
      await waitFor("the mail to be imported over a new connection", async () => (await imported(id)).length === 1, 15_000);
      expect(logs.join("\n")).toMatch(/no progress for 1\.5 s while fetching 1 mail\(s\); reconnecting/);
      expect(proxy.connections()).toBeGreaterThanOrEqual(2);
    } finally {
      await w.stop();
    }
  });
});
