/**
 * Child process of bench/realtime.ts (fan-out): holds a share of the signed-in agent sockets
 * (wire-level protocol clients, see realtime-wire-socket.lib.ts) and records when each one
 * receives a queue event. Driven over the fork IPC channel; times
 * are absolute (see `now`) so the parent can compare them with its own.
 */
import { now } from "./realtime-socket.lib";
import { connectWireSocket, type WireSocket } from "./realtime-wire-socket.lib";

export type ClientCommand =
  | { type: "connect"; url: string; cookies: string[]; count: number; concurrency: number }
  | { type: "collect"; key: string; timeoutMs: number }
  | { type: "close" };

export type ClientReply =
  | { type: "connected"; total: number; failed: number; errors: string[] }
  | { type: "collected"; key: string; times: number[]; expected: number };

const sockets: WireSocket[] = [];
const received = new Map<string, number[]>();

function record(key: string) {
  const t = now();
  const list = received.get(key);
  if (list) list.push(t);
  else received.set(key, [t]);
}

async function connect(cmd: Extract<ClientCommand, { type: "connect" }>): Promise<ClientReply> {
  let next = 0;
  let failed = 0;
  const errors: string[] = [];
  await Promise.all(
    Array.from({ length: Math.min(cmd.concurrency, cmd.count) }, async () => {
      while (next < cmd.count) {
        const i = next++;
        try {
          const socket = await connectWireSocket(cmd.url, cmd.cookies[i % cmd.cookies.length], (event, ticketId, frame) => {
            if (event === "ticket:created") record(`created:${ticketId}`);
            else if (event === "lock:changed") record(`lock:${ticketId}:${frame.includes('"lock":null') ? "off" : "on"}`);
          });
          sockets.push(socket);
        } catch (err) {
          failed++;
          if (errors.length < 5) errors.push((err as Error).message);
        }
      }
    }),
  );
  return { type: "connected", total: sockets.length, failed, errors };
}

async function collect(cmd: Extract<ClientCommand, { type: "collect" }>): Promise<ClientReply> {
  const deadline = performance.now() + cmd.timeoutMs;
  while ((received.get(cmd.key)?.length ?? 0) < sockets.length && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5));
  }
  const times = received.get(cmd.key) ?? [];
  received.delete(cmd.key);
  return { type: "collected", key: cmd.key, times, expected: sockets.length };
}

process.on("message", (cmd: ClientCommand) => {
  if (cmd.type === "close") {
    for (const s of sockets) s.close();
    setTimeout(() => process.exit(0), 200);
    return;
  }
  const work = cmd.type === "connect" ? connect(cmd) : collect(cmd);
  work.then((reply) => process.send!(reply)).catch((err) => {
    console.error("[bench clients]", err);
    process.exit(1);
  });
});
process.on("disconnect", () => process.exit(0));
