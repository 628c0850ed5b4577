import type { Socket } from "socket.io";

export interface GuardOptions {
  /** Sustained events per second a client may send. */
  ratePerSecond: number;
  /** Burst allowance on top of the rate. */
  burst: number;
  /** Events dropped for the rate before the socket is disconnected. */
  dropLimit: number;
}

export const defaultGuard: GuardOptions = { ratePerSecond: 20, burst: 40, dropLimit: 100 };

/**
 * Per-socket hygiene before any handler runs: an event nobody listens for is dropped and
 * logged once per socket and event name; a client that floods is throttled (token bucket),
 * and disconnected once it has kept flooding. Payloads are checked by each handler's zod
 * schema, which reports a malformed one through the returned `malformed` (logged once per
 * socket and event name, like unknown events); nothing here throws.
 */
export function guardSocket(
  socket: Socket,
  log: (message: string) => void,
  opts: GuardOptions = defaultGuard,
): { malformed(event: string): void } {
  let tokens = opts.burst;
  let last = Date.now();
  let dropped = 0;
  const reported = new Set<string>();
  const reportOnce = (key: string, message: string) => {
    if (reported.has(key)) return;
    reported.add(key);
    log(`[realtime] socket ${socket.id} (user ${socket.data?.userId ?? "?"}): ${message}`);
  };

  socket.use(([event], next) => {
    const now = Date.now();
    tokens = Math.min(opts.burst, tokens + ((now - last) / 1000) * opts.ratePerSecond);
    last = now;
    if (tokens < 1) {
      dropped++;
      reportOnce("flood", `too many events; dropping (limit ${opts.ratePerSecond}/s)`);
      if (dropped >= opts.dropLimit) {
        log(`[realtime] socket ${socket.id}: disconnected for flooding`);
        socket.disconnect(true);
      }
      return;
    }
    tokens -= 1;
    if (typeof event !== "string" || socket.listeners(event).length === 0) {
      reportOnce(`unknown:${String(event).slice(0, 40)}`, `unknown event ${JSON.stringify(String(event).slice(0, 40))} ignored`);
      return;
    }
    next();
  });
  return { malformed: (event) => reportOnce(`malformed:${event}`, `malformed ${JSON.stringify(event)} payload ignored`) };
}
