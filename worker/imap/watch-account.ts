import { eq } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { mailAccounts, type MailAccount } from "../../db/schema";
import type { Deps } from "../../server/domain/events";
import { ingestRawMail } from "../../server/domain/mail/ingest";
import { classifyConnectionError } from "../../server/domain/mail/mail-accounts";
import { guardMailHost } from "../../server/domain/mail/host-guard";
import { backoffMs } from "./backoff";
import { imapOptions } from "../../server/domain/mail/connection-options";
import { storableReason } from "../../lib/storable-text";

export interface WatchOptions {
  mode: "idle" | "poll";
  /** Decrypts the stored IMAP password. */
  appSecret: string;
  /** Poll mode, and IDLE mode on a server without IDLE: the mailbox is searched this often. */
  pollIntervalMs: number;
  /** IDLE is broken and restarted this often (default `DEFAULT_MAX_IDLE_MS`); tests shorten it. */
  maxIdleMs?: number;
  log: (msg: string) => void;
  /** Log the IMAP conversation (commands and server lines) through `log`, for diagnosis. */
  trace?: boolean;
  /** A fetch pass without progress for this long is taken as hung (default `DEFAULT_STALL_MS`). */
  stallMs?: number;
}

/**
 * A fetch pass that makes no progress for this long is taken as hung (a connection that
 * stopped answering mid-command): the connection is dropped and the outer loop reconnects
 * and catches up by UID. Parsing one mail is capped well below this (PARSE_TIMEOUT_MS).
 */
export const DEFAULT_STALL_MS = 60_000;

/**
 * IDLE is broken and restarted this often, so a silently dead connection is noticed. Well
 * under the 29 minutes RFC 2177 allows: NAT boxes and some servers drop a connection that
 * stays quiet for much less. A test holds it at 10 minutes or less.
 */
export const DEFAULT_MAX_IDLE_MS = 5 * 60_000;
/**
 * In IDLE mode the mailbox is also searched this often, whatever the server reported: a lost
 * EXISTS delays mail by this much at most.
 */
const SAFETY_FETCH_MS = DEFAULT_MAX_IDLE_MS;

type AfterImport = Pick<MailAccount, "afterImport" | "afterImportFolder">;

/**
 * Keeps one mail account's INBOX imported, forever: check the host (SSRF guard), connect,
 * catch up by UID, then wait for EXISTS (IDLE) or poll every `pollIntervalMs` (poll mode, or a
 * server without IDLE); on any failure, record it on the account and reconnect with backoff.
 * Each account runs its own loop, so one failing account never stalls another. The account
 * row shows where it is: `idle` (connected, waiting), `fetching` (importing), `error` (with
 * the reason) or `stopped`; `lastFetchAt` is the last completed pass.
 */
export function watchAccount(deps: Deps, accountId: number, opts: WatchOptions): { stop(): Promise<void> } {
  let stopped = false;
  let client: ImapFlow | null = null;
  const stallMs = opts.stallMs ?? DEFAULT_STALL_MS;
  let wake: (() => void) | null = null;

  const setState = (state: MailAccount["state"], error?: string) =>
    deps.db
      .update(mailAccounts)
      // An error can quote the mail it failed on (a driver's message repeats the refused values).
      .set(error ? { state, lastError: storableReason(error), lastErrorAt: new Date() } : { state })
      .where(eq(mailAccounts.id, accountId))
      .catch(() => {});

  async function runOnce(): Promise<void> {
    const [account] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
    if (!account || !account.active) throw new Error("account is inactive or deleted");
    // Refuses loopback/link-local hosts unless allowed; connects to the address it checked.
    const target = await guardMailHost(deps.db, account.imapHost);
    if (stopped) return;
    const c = new ImapFlow({
      ...imapOptions(account, opts.appSecret),
      host: target.host,
      servername: target.servername,
      disableAutoIdle: opts.mode === "poll",
      autoIdleDelay: 300,
      maxIdleTime: opts.maxIdleMs ?? DEFAULT_MAX_IDLE_MS,
      // Without IDLE, imapflow polls by itself, but only every 2 minutes; NOOP is the poll
      // RFC 3501 defines for the selected mailbox (STATUS on it is discouraged and stale on
      // some servers). Our own search every `pollIntervalMs` below is what bounds the delay.
      missingIdleCommand: "NOOP",
      ...(opts.trace ? { logger: traceLogger(accountId, opts.log) } : {}),
    });
    client = c;
    c.on("error", (err: Error) => opts.log(`account ${accountId}: ${err.message}`));
    await c.connect();
    const box = await c.mailboxOpen("INBOX");
    const uidValidity = Number(box.uidValidity);
    let lastUid = account.lastUid;
    if (account.uidValidity !== uidValidity) {
      // A new UIDVALIDITY invalidates every UID: read everything again; ingest dedupes by
      // Message-ID, or by the raw bytes for a mail without one.
      lastUid = 0;
      await deps.db.update(mailAccounts).set({ uidValidity, lastUid: 0 }).where(eq(mailAccounts.id, accountId));
    }
    if (account.afterImport === "move" && account.afterImportFolder) await ensureFolder(c, account.afterImportFolder);
    // Catching up by UID comes first; "idle" (with lastFetchAt) once that pass is done.
    await setState("fetching");

    let running: Promise<void> = Promise.resolve();
    let again = false;
    const fetchNew = () => {
      // Serialise fetches; an EXISTS during a fetch triggers one more pass afterwards.
      again = true;
      running = running.then(async () => {
        while (again && c.usable) {
          again = false;
          let stage = "searching";
          let stall: NodeJS.Timeout | undefined;
          const progress = (next: string) => {
            stage = next;
            clearTimeout(stall);
            stall = setTimeout(() => {
              const msg = `no progress for ${stallMs / 1000} s while ${stage}; reconnecting`;
              opts.log(`account ${accountId}: ${msg}`);
              void setState("error", msg);
              c.close();
            }, stallMs);
          };
          progress(stage);
          try {
            lastUid = await importNewMessages(deps, c, account, uidValidity, lastUid, opts.log, progress);
            await deps.db
              .update(mailAccounts)
              .set({ state: "idle", lastFetchAt: new Date() })
              .where(eq(mailAccounts.id, accountId))
              .catch(() => {});
          } catch (err) {
            if (!c.usable) return; // the connection went away; the outer loop reconnects
            // Recorded, then the connection is dropped: the outer loop retries with backoff.
            const msg = (err as Error).message || String(err);
            opts.log(`account ${accountId}: ${msg}`);
            await setState("error", msg);
            c.close();
            return;
          } finally {
            clearTimeout(stall);
          }
        }
      });
      return running;
    };
    c.on("exists", () => void fetchNew());
    await fetchNew();
    if (!c.usable || stopped) return; // closed meanwhile: "close" has fired already

    // G2: IDLE where the server supports it, polling at the configured interval otherwise.
    const idling = opts.mode === "idle" && c.capabilities.has("IDLE");
    if (opts.mode === "idle" && !idling) opts.log(`account ${accountId}: the server offers no IDLE, polling every ${opts.pollIntervalMs} ms`);
    await new Promise<void>((resolve) => {
      wake = resolve;
      c.once("close", () => resolve());
      const every = idling ? SAFETY_FETCH_MS : opts.pollIntervalMs;
      const timer = setInterval(() => {
        if (!c.usable) return clearInterval(timer);
        void fetchNew();
      }, every);
      c.once("close", () => clearInterval(timer));
    });
  }

  const loop = (async () => {
    let attempt = 0;
    while (!stopped) {
      const started = Date.now();
      try {
        await runOnce();
      } catch (err) {
        if (stopped) break;
        const msg = readableError(err);
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

/** imapflow's log entries as one line each: `C:`/`S:` for protocol lines, else the message. */
function traceLogger(accountId: number, log: (msg: string) => void) {
  const line = (level: string) => (e: { src?: string; msg?: string; err?: Error }) => {
    const text = e.src ? `${e.src === "c" ? "C" : "S"}: ${e.msg ?? ""}` : `${level} ${e.msg ?? ""}${e.err ? ` (${e.err.message})` : ""}`;
    log(`imap ${accountId} ${text.slice(0, 300)}`);
  };
  return { debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error") };
}

/** "Authentication failed", "Connection refused" … instead of a library's "Command failed". */
function readableError(err: unknown): string {
  const raw = (err as Error)?.message || String(err);
  const c = classifyConnectionError(err);
  if (c.kind === "other") return raw;
  if (c.kind === "timeout") return `Timed out (${raw})`;
  // The server's own words help when they say more than the library's summary.
  const { response, responseText } = err as { response?: unknown; responseText?: string };
  const server = (typeof response === "string" ? response : responseText)?.replace(/^\[[^\]]*\]\s*/, "").replace(/\.$/, "");
  const same = !server || server.toLowerCase().includes(c.message.toLowerCase());
  return same ? c.message : `${c.message} (${server})`;
}

/** Creates the after-import folder unless it exists. */
async function ensureFolder(c: ImapFlow, folder: string): Promise<void> {
  const boxes = await c.list();
  if (boxes.some((b) => b.path === folder)) return;
  try {
    await c.mailboxCreate(folder);
  } catch (err) {
    // Created meanwhile by someone else is fine; anything else is the account's error.
    if (!(await c.list()).some((b) => b.path === folder)) {
      throw new Error(`The folder "${folder}" for imported mail could not be created: ${(err as Error).message}`);
    }
  }
}

/**
 * Imports every unseen message above `lastUid` through ingest and returns the new high mark.
 * Afterwards, and only for mails ingest has stored, the account's after-import action runs:
 * mark seen, move to the folder (marked seen), or delete. UIDs are never reused within a
 * UIDVALIDITY, so moving or deleting does not disturb the high mark.
 */
async function importNewMessages(
  deps: Deps,
  c: ImapFlow,
  account: MailAccount,
  uidValidity: number,
  lastUid: number,
  log: (msg: string) => void,
  progress: (stage: string) => void,
): Promise<number> {
  const accountId = account.id;
  const found: { uid: number; source: Buffer }[] = [];
  let lock = await c.getMailboxLock("INBOX");
  progress("searching");
  try {
    // Only unseen mail is taken (G2). `N:*` also matches the newest message when none is above N, hence the filter.
    const uids = ((await c.search({ uid: `${lastUid + 1}:*`, seen: false }, { uid: true })) || []).filter((u) => u > lastUid);
    if (uids.length) {
      await deps.db.update(mailAccounts).set({ state: "fetching" }).where(eq(mailAccounts.id, accountId)).catch(() => {});
      progress(`fetching ${uids.length} mail(s)`);
      for await (const msg of c.fetch(uids, { uid: true, source: true }, { uid: true })) {
        if (msg.uid > lastUid && msg.source) found.push({ uid: msg.uid, source: msg.source });
        progress(`fetching (UID ${msg.uid})`);
      }
    }
  } finally {
    lock.release(); // IDLE resumes only once the lock is released
  }
  let high = lastUid;
  const stored: number[] = [];
  try {
    for (const m of found.sort((a, b) => a.uid - b.uid)) {
      progress(`importing UID ${m.uid}`);
      const r = await ingestRawMail(deps, { source: "imap", accountId, uidValidity, uid: m.uid, raw: m.source });
      if (r.status === "quarantined") log(`account ${accountId}: UID ${m.uid} quarantined: ${r.reason}`);
      stored.push(m.uid);
      high = m.uid;
      await deps.db.update(mailAccounts).set({ lastUid: high }).where(eq(mailAccounts.id, accountId));
    }
  } finally {
    if (stored.length && c.usable) {
      progress("waiting for the mailbox lock");
      lock = await c.getMailboxLock("INBOX");
      progress(`${account.afterImport} after import`);
      try {
        await afterImport(c, account, stored);
      } catch (err) {
        // The mails are imported; only the clean-up failed. Recorded, not retried.
        const msg = `after import (${account.afterImport}) failed for ${stored.length} mail(s): ${(err as Error).message}`;
        log(`account ${accountId}: ${msg}`);
        await deps.db.update(mailAccounts).set({ lastError: msg, lastErrorAt: new Date() }).where(eq(mailAccounts.id, accountId)).catch(() => {});
      } finally {
        lock.release();
      }
    }
  }
  return high;
}

async function afterImport(c: ImapFlow, account: AfterImport, uids: number[]): Promise<void> {
  switch (account.afterImport) {
    case "delete":
      await c.messageDelete(uids, { uid: true });
      return;
    case "move":
      if (account.afterImportFolder) {
        await c.messageFlagsAdd(uids, ["\\Seen"], { uid: true });
        await c.messageMove(uids, account.afterImportFolder, { uid: true });
        return;
      }
      await c.messageFlagsAdd(uids, ["\\Seen"], { uid: true }); // no folder: at least never take it twice
      return;
    case "mark_seen":
    default:
      await c.messageFlagsAdd(uids, ["\\Seen"], { uid: true });
  }
}
