/** Socket helpers shared by bench/realtime.ts and its client processes. */
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../server/realtime/events";

export type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Absolute time in ms with sub-ms resolution, comparable between processes on this machine. */
export const now = () => performance.timeOrigin + performance.now();

/**
 * A new connection (no multiplexing, no reconnection) with the browser's transport and the
 * session cookie; `setup` adds listeners before the handshake.
 */
export async function connectSocket<S extends Socket>(url: string, cookie?: string, setup?: (s: S) => void): Promise<S> {
  const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: cookie ? { cookie } : {} }) as S;
  setup?.(socket);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("connect timeout")), 30_000);
    socket.once("connect", () => (clearTimeout(timer), resolve()));
    socket.once("connect_error", (err) => (clearTimeout(timer), reject(err)));
  });
  return socket;
}

/**
 * An agent socket viewing `ticketId`. `ticket:view` is repeated until acknowledged: a gateway
 * that registers its handlers only after an awaited query drops events sent right after
 * "connect"; `viewAttempts` tells whether that happened.
 */
export async function openAgentSocket(url: string, cookie: string, ticketId: number): Promise<AgentSocket & { viewAttempts: number }> {
  const socket = await connectSocket<AgentSocket>(url, cookie);
  for (let attempt = 1; attempt <= 20; attempt++) {
    let ok: boolean;
    try {
      ok = (await socket.timeout(200 * attempt).emitWithAck("ticket:view", { ticketId })).ok;
    } catch {
      continue; // no ack in time
    }
    if (!ok) throw new Error("ticket:view refused");
    return Object.assign(socket, { viewAttempts: attempt });
  }
  throw new Error("ticket:view never acknowledged");
}

/** Resolves with the receipt time (performance.now()) of the next matching event. */
export function nextEvent<A extends unknown[]>(socket: Socket, event: string, match: (...args: A) => boolean, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const onEvent = (...args: unknown[]) => {
      if (!match(...(args as A))) return;
      const t = performance.now();
      clearTimeout(timer);
      socket.off(event, onEvent);
      resolve(t);
    };
    const timer = setTimeout(() => {
      socket.off(event, onEvent);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on(event, onEvent);
  });
}
