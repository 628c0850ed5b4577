import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { Server } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import type { TestDeps } from "../../../db/testing/test-deps";
import type { UserActor } from "../../domain/actor";
import type { Deps } from "../../domain/events";
import { attachPostgresAdapter } from "../adapter";
import { attachGateway } from "../gateway";
import { createSocketPublisher, type AppServer } from "../publisher";

/** A signed-in test client and every event it received, in order, with when (ms). */
export type RecordingSocket = ClientSocket & { got: { event: string; payload: unknown; at: number }[] };

/**
 * The web process's realtime half for tests: a real gateway on an HTTP port, plus a second,
 * headless server on the same Postgres adapter through which `deps` publish, as the worker
 * or another web process would. So every event a test sees has crossed processes.
 */
export async function startGatewayHarness(base: TestDeps, databaseUrl: string) {
  const secret = `harness-secret-${Math.random()}`.padEnd(48, "x");
  const http = createServer();
  const io: AppServer = new Server(http, { transports: ["websocket"] });
  const elsewhere: AppServer = new Server();
  const closeAdapters = [attachPostgresAdapter(io, databaseUrl), attachPostgresAdapter(elsewhere, databaseUrl)];
  const deps: Deps = { ...base, publish: createSocketPublisher(elsewhere) };
  attachGateway(io, deps, { secret, secureCookie: false });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: ClientSocket[] = [];

  /** The session cookie of the user signed in at `signedInAt` (milliseconds), as next-auth sets it. */
  async function cookieOf(user: UserActor, signedInAt = Date.now()): Promise<string> {
    const token = await encode({ token: { sub: String(user.userId), name: user.name, signedInAt }, secret });
    return `next-auth.session-token=${token}`;
  }

  /** A signed-in socket of the user, once its rooms are joined (the first sync:required). */
  async function socketOf(user: UserActor): Promise<RecordingSocket> {
    return socketWith(await cookieOf(user));
  }

  /** A socket with this session cookie, once its rooms are joined. */
  async function socketWith(cookie: string): Promise<RecordingSocket> {
    const c = connect(url, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie } }) as RecordingSocket;
    c.got = [];
    clients.push(c);
    c.onAny((event: string, payload: unknown) => c.got.push({ event, payload, at: Date.now() }));
    await new Promise<void>((resolve, reject) => {
      c.once("sync:required", () => resolve());
      c.once("connect_error", reject);
    });
    return c;
  }

  return {
    io,
    deps,
    auth: { secret, secureCookie: false },
    cookieOf,
    socketOf,
    socketWith,
    async close() {
      clients.forEach((c) => c.close());
      await io.close();
      // The gateway's disconnect handlers release locks and viewers: let them finish before the database closes.
      await new Promise((r) => setTimeout(r, 300));
      await Promise.all(closeAdapters.map((c) => c()));
    },
  };
}
