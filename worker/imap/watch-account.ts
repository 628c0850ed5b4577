import { eq } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { mailAccounts, type MailAccount } from "../../db/schema";
import type { Deps } from "../../server/domain/events";
import { ingestRawMail } from "../../server/domain/mail/ingest";
import { backoffMs } from "./backoff";
import { imapOptions } from "../../server/domain/mail/connection-options";

export interface WatchOptions {
  mode: "idle" | "poll";
  /** Decrypts the stored IMAP password. */
  appSecret: string;
  pollIntervalMs: number;
  log: (msg: string) => void;
}

/** IDLE is broken and restarted this often, so a silently dead connection is noticed. */
const MAX_IDLE_MS = 5 * 60_000;

/**
 * Keeps one mail account's INBOX imported, forever: connect, catch up by UID, then wait for
 * EXISTS (IDLE) or poll; on any failure, record it on the account and reconnect with
 * backoff. Each account runs its own loop, so one failing account never stalls another.
 */
export function watchAccount(deps: Deps, accountId: number, opts: WatchOptions): { stop(): Promise<void> } {
  let stopped = false;
  let client: ImapFlow | null = null;
  let wake: (() => void) | null = null;

  const setState = (state: MailAccount["state"], error?: string) =>
    deps.db
      .update(mailAccounts)
      .set(error ? { state, lastError: error, lastErrorAt: new Date() } : { state })
      .where(eq(mailAccounts.id, accountId))
      .catch(() => {});

  async function runOnce(): Promise<void> {
    const [account] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
    if (!account || !account.active) throw new Error("account is inactive or deleted");
    const c = new ImapFlow({
      ...imapOptions(account, opts.appSecret),
      disableAutoIdle: opts.mode === "poll",
      autoIdleDelay: 300,
      maxIdleTime: MAX_IDLE_MS,
    });
    client = c;
    c.on("error", (err: Error) => opts.log(`account ${accountId}: ${err.message}`));
    await c.connect();
    const box = await c.mailboxOpen("INBOX");
    const uidValidity = Number(box.uidValidity);
    let lastUid = account.lastUid;
    if (account.uidValidity !== uidValidity) {
      // A new UIDVALIDITY invalidates every UID: read everything again; ingest dedupes by Message-ID.
      lastUid = 0;
      await deps.db.update(mailAccounts).set({ uidValidity, lastUid: 0 }).where(eq(mailAccounts.id, accountId));
    }
    await setState("idle");

    let running: Promise<void> = Promise.resolve();
    let again = false;
    const fetchNew = () => {
      // Serialise fetches; an EXISTS during a fetch triggers one more pass afterwards.
      again = true;
      running = running.then(async () => {
        while (again) {
          again = false;
          lastUid = await importNewMessages(deps, c, accountId, uidValidity, lastUid, opts.log);
        }
      });
      return running;
    };
    c.on("exists", () => void fetchNew().catch((err) => opts.log(`account ${accountId}: ${err.message}`)));
    await fetchNew();

    await new Promise<void>((resolve) => {
      wake = resolve;
      c.once("close", () => resolve());
      if (opts.mode === "poll") {
        const timer = setInterval(() => {
          if (!c.usable) return clearInterval(timer);
          fetchNew().catch((err) => opts.log(`account ${accountId}: ${err.message}`));
        }, opts.pollIntervalMs);
        c.once("close", () => clearInterval(timer));
      }
    });
  }

  const loop = (async () => {
    let attempt = 0;
    while (!stopped) {
      const started = Date.now();
      try {
        await runOnce();
      } catch (err) {
        const msg = (err as Error).message || String(err);
        opts.log(`account ${accountId}: ${msg}`);
        await setState("error", msg);
      }
      if (stopped) break;
      if (Date.now() - started > 60_000) attempt = 0; // it was healthy for a while
      const delay = backoffMs(attempt++);
      opts.log(`account ${accountId}: reconnecting in ${Math.round(delay / 1000)} s`);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, delay);
      });
    }
    await setState("stopped");
  })();

  return {
    async stop() {
      stopped = true;
      await client?.logout().catch(() => client?.close());
      wake?.();
      await loop;
    },
  };
}

/** Fetches every message above `lastUid`, feeds each through ingest, and returns the new high mark. */
async function importNewMessages(
  deps: Deps,
  c: ImapFlow,
  accountId: number,
  uidValidity: number,
  lastUid: number,
  log: (msg: string) => void,
): Promise<number> {
  const lock = await c.getMailboxLock("INBOX");
  const found: { uid: number; source: Buffer }[] = [];
  try {
    // `N:*` also returns the newest message when none is above N, hence the filter.
    for await (const msg of c.fetch(`${lastUid + 1}:*`, { uid: true, source: true }, { uid: true })) {
      if (msg.uid > lastUid && msg.source) found.push({ uid: msg.uid, source: msg.source });
    }
  } finally {
    lock.release(); // IDLE resumes only once the lock is released
  }
  let high = lastUid;
  for (const m of found.sort((a, b) => a.uid - b.uid)) {
    const r = await ingestRawMail(deps, { source: "imap", accountId, uidValidity, uid: m.uid, raw: m.source });
    if (r.status === "quarantined") log(`account ${accountId}: UID ${m.uid} quarantined: ${r.reason}`);
    high = m.uid;
    await deps.db.update(mailAccounts).set({ lastUid: high }).where(eq(mailAccounts.id, accountId));
  }
  if (found.length) {
    await c.messageFlagsAdd(found.map((m) => m.uid), ["\\Seen"], { uid: true }).catch(() => {});
  }
  return high;
}
