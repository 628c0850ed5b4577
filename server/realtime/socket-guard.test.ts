import { afterEach, describe, expect, it } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { guardSocket } from "./socket-guard";

/** A real Socket.IO server with the guard and one `ping` handler; real clients over WebSocket. */
async function start(opts = { ratePerSecond: 20, burst: 10, dropLimit: 30 }) {
  const http = createServer();
  const io = new Server(http, { transports: ["websocket"] });
  const logs: string[] = [];
  let pings = 0;
  io.on("connection", (socket) => {
    const guard = guardSocket(socket, (m) => logs.push(m), opts);
    socket.on("ping", (ack?: (n: number) => void) => ack?.(++pings));
    // As the gateway's handlers do: a payload that fails the schema is reported, then ignored.
    socket.on("echo", (payload: unknown, ack?: (ok: boolean) => void) => {
      const ok = typeof payload === "object" && payload !== null && typeof (payload as { n?: unknown }).n === "number";
      if (!ok) guard.malformed("echo");
      ack?.(ok);
    });
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: ClientSocket[] = [];
  const client = async () => {
    const c = connect(url, { transports: ["websocket"], reconnection: false });
    clients.push(c);
    await new Promise<void>((r) => c.once("connect", () => r()));
    return c;
  };
  const stop = async () => {
    clients.forEach((c) => c.close());
    await io.close();
  };
  return { client, logs, stop, pings: () => pings };
}

let running: Awaited<ReturnType<typeof start>> | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

describe("socket guard", () => {
  it("passes known events and ignores unknown ones, logging each name once", async () => {
    running = await start();
    const c = await running.client();
    expect(await c.emitWithAck("ping")).toBe(1);
    for (let i = 0; i < 5; i++) c.emit("no-such-event", { x: i });
    c.emit("other-unknown");
    expect(await c.emitWithAck("ping")).toBe(2);
    expect(running.logs.filter((l) => l.includes("unknown event"))).toHaveLength(2);
    expect(c.connected).toBe(true);
  });

  it("ignores malformed payloads, logging once per socket and event, and stays connected", async () => {
    running = await start();
    const c = await running.client();
    const other = await running.client();
    for (const bad of [null, "x", { n: "1" }, [1, 2]]) expect(await c.emitWithAck("echo", bad)).toBe(false);
    expect(await other.emitWithAck("echo", "bad")).toBe(false);
    expect(await c.emitWithAck("echo", { n: 1 })).toBe(true);
    expect(running.logs.filter((l) => l.includes('malformed "echo" payload'))).toHaveLength(2);
    expect(c.connected).toBe(true);
  });

  it("throttles a flooding client, then disconnects it; others are not affected", async () => {
    running = await start();
    const flooder = await running.client();
    const calm = await running.client();
    const gone = new Promise<string>((r) => flooder.once("disconnect", (reason) => r(reason)));
    for (let i = 0; i < 200; i++) flooder.emit("ping");
    expect(await gone).toBe("io server disconnect");
    // Burst 10 went through, the rest were dropped.
    expect(running.pings()).toBeLessThan(20);
    expect(running.logs.some((l) => l.includes("too many events"))).toBe(true);
    expect(running.logs.some((l) => l.includes("disconnected for flooding"))).toBe(true);
    expect(await calm.emitWithAck("ping")).toBeGreaterThan(0);
  });
});
