import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { mailAccounts } from "../../db/schema";
import type { Deps } from "../../server/domain/events";
import { getSetting } from "../../server/domain/config/settings";
import { watchAccount, type WatchOptions } from "./watch-account";

export interface SupervisorOptions extends WatchOptions {
  /** How often `mail_accounts` is compared with the running watchers. */
  intervalMs?: number;
  /** For tests: what starts one account's watcher. */
  watch?: typeof watchAccount;
  /** For tests sharing a database: which accounts this supervisor looks after (default: all). */
  include?: (account: { id: number; address: string }) => boolean;
}

export interface AccountSupervisor {
  /** Ids of the accounts being watched right now. */
  watching(): number[];
  /** One comparison pass now (also runs every `intervalMs`). */
  reconcile(): Promise<void>;
  stop(): Promise<void>;
}

/** The columns a watcher works with: when one of them changes, the watcher is restarted. */
const watchedColumns = {
  id: mailAccounts.id,
  address: mailAccounts.address,
  active: mailAccounts.active,
  imapHost: mailAccounts.imapHost,
  imapPort: mailAccounts.imapPort,
  imapEncryption: mailAccounts.imapEncryption,
  imapUser: mailAccounts.imapUser,
  imapPassword: mailAccounts.imapPassword,
  afterImport: mailAccounts.afterImport,
  afterImportFolder: mailAccounts.afterImportFolder,
  maxMessageBytes: mailAccounts.maxMessageBytes,
};
const fingerprintOf = (row: Record<string, unknown>, allowPrivateHosts: boolean) =>
  createHash("sha256").update(JSON.stringify({ row, allowPrivateHosts })).digest("hex");

/**
 * Keeps exactly one watcher per active mail account, for as long as the worker runs. There
 * is no change column to follow, so every `intervalMs` (5 s) it reads the accounts and
 * compares a hash of each one's connection settings (plus the `mail.allowPrivateHosts`
 * setting, which decides whether the host guard lets it connect) with the hash its watcher
 * was started with: new or activated accounts get a watcher, deactivated or deleted ones
 * lose theirs, changed ones are restarted. Passes never overlap.
 */
export function superviseAccounts(deps: Deps, opts: SupervisorOptions): AccountSupervisor {
  const intervalMs = opts.intervalMs ?? 5000;
  const watch = opts.watch ?? watchAccount;
  const running = new Map<number, { fingerprint: string; address: string; stop(): Promise<void> }>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();

  const start = (id: number, address: string, fingerprint: string) => {
    opts.log(`watching ${address} (${opts.mode})`);
    const w = watch(deps, id, { mode: opts.mode, appSecret: opts.appSecret, pollIntervalMs: opts.pollIntervalMs, maxIdleMs: opts.maxIdleMs, log: opts.log, trace: opts.trace, stallMs: opts.stallMs });
    running.set(id, { fingerprint, address, stop: () => w.stop() });
  };

  async function reconcileOnce(): Promise<void> {
    const [rows, allowPrivateHosts] = await Promise.all([
      deps.db.select({ ...watchedColumns, state: mailAccounts.state }).from(mailAccounts),
      getSetting(deps.db, "mail.allowPrivateHosts"),
    ]);
    if (stopped) return;
    const wanted = new Map<number, { address: string; fingerprint: string }>();
    const mine = opts.include ? rows.filter((r) => opts.include!(r)) : rows;
    for (const row of mine) {
      if (!row.active) continue;
      const { state: _state, ...config } = row; // the watcher's own output is not configuration
      const fingerprint = fingerprintOf(config, allowPrivateHosts);
      wanted.set(row.id, { address: row.address, fingerprint });
    }
    const stopping: Promise<void>[] = [];
    const restarting = new Set<number>();
    for (const [id, w] of running) {
      const want = wanted.get(id);
      if (want && want.fingerprint === w.fingerprint) continue;
      running.delete(id);
      if (want) restarting.add(id);
      opts.log(want ? `restarting ${w.address}: its settings changed` : `stopped watching ${w.address}`);
      // The old connection is gone before the new one starts: never two watchers on one account.
      stopping.push(
        w.stop().catch(() => {}).then(() => {
          if (want && !stopped) start(id, want.address, want.fingerprint);
        }),
      );
    }
    for (const [id, want] of wanted) {
      if (!running.has(id) && !restarting.has(id)) start(id, want.address, want.fingerprint);
    }
    await Promise.allSettled(stopping);
    // An inactive account shows "stopped", even when a crashed worker left it "idle" or "fetching".
    const stale = mine.filter((r) => !r.active && r.state !== "stopped" && !running.has(r.id)).map((r) => r.id);
    if (stale.length && !stopped) {
      await deps.db
        .update(mailAccounts)
        .set({ state: "stopped" })
        .where(and(inArray(mailAccounts.id, stale), eq(mailAccounts.active, false)));
    }
  }

  const reconcile = () => {
    pass = pass.then(() =>
      reconcileOnce().catch((err) => opts.log(`mail account supervisor: ${(err as Error).message}`)),
    );
    return pass;
  };

  const tick = () => {
    if (stopped) return;
    void reconcile().then(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  tick();

  return {
    watching: () => [...running.keys()].sort((a, b) => a - b),
    reconcile,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await pass;
      const all = [...running.values()];
      running.clear();
      await Promise.allSettled(all.map((w) => w.stop()));
    },
  };
}
