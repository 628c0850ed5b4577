import type { Deps } from "../domain/events";
import { expireStaleLocks } from "../domain/collaboration/locks";
import { expireStaleViewers, touchViewers } from "../domain/collaboration/presence";
import type { AppServer } from "./publisher";
import { logError } from "../stopping";

/** How often expired locks are looked for: a silent lock disappears at most this long after its TTL. */
export const LOCK_SWEEP_MS = 5_000;
/** How often this process refreshes its viewers and removes those of vanished processes. */
export const PRESENCE_SWEEP_MS = 15_000;

/**
 * Periodic work of every web process: announce locks whose holder stopped sending heartbeats,
 * keep this process's viewer rows alive and remove those nobody vouches for. Every process
 * runs it; a `delete … returning` hands each stale row to exactly one of them.
 */
export function startRealtimeSweeps(io: AppServer, deps: Deps): () => void {
  let busy = false;
  const run = (what: () => Promise<unknown>) => async () => {
    if (busy) return;
    busy = true;
    try {
      await what();
    } catch (err) {
      logError("[realtime] sweep:", (err as Error).message);
    } finally {
      busy = false;
    }
  };
  const locks = setInterval(run(() => expireStaleLocks(deps)), LOCK_SWEEP_MS);
  const presence = setInterval(
    run(async () => {
      await touchViewers(deps.db, [...io.of("/").sockets.keys()]);
      await expireStaleViewers(deps);
    }),
    PRESENCE_SWEEP_MS,
  );
  locks.unref();
  presence.unref();
  return () => {
    clearInterval(locks);
    clearInterval(presence);
  };
}
