import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { AppServer } from "./publisher";
import { logError } from "../stopping";

/**
 * While PostgreSQL is away, events are lost: nothing is written, and the adapter that
 * carries events between processes reconnects on its own a few seconds after it is back.
 * Sockets stay connected through all of it, so clients cannot tell. This watcher notices
 * the database coming back and tells this process's clients to refetch, once at once and
 * once after the adapter has surely re-subscribed.
 */
export function watchDatabaseRecovery(io: AppServer, db: Db, opts = { intervalMs: 1000, settleMs: 3000 }): () => void {
  let healthy = true;
  let checking = false;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const tell = () => io.local.emit("sync:required");
  const check = async () => {
    if (checking) return;
    checking = true;
    let timeout: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        db.execute(sql`select 1`),
        new Promise((_, reject) => (timeout = setTimeout(() => reject(new Error("timeout")), opts.intervalMs * 2))),
      ]);
      if (!healthy) {
        console.log("[realtime] database is back; clients resync");
        tell();
        const t = setTimeout(() => {
          timers.delete(t);
          tell();
        }, opts.settleMs);
        timers.add(t);
      }
      healthy = true;
    } catch {
      if (healthy) logError("[realtime] database unreachable; clients will resync when it is back");
      healthy = false;
    } finally {
      clearTimeout(timeout);
      checking = false;
    }
  };
  const interval = setInterval(() => void check(), opts.intervalMs);
  return () => {
    clearInterval(interval);
    for (const t of timers) clearTimeout(t);
  };
}
