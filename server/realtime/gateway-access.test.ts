import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { Server } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { ensureQueue } from "../../db/seed";
import { makeUser, testDeps } from "../../db/testing/test-deps";
import type { UserActor } from "../domain/actor";
import type { Deps } from "../domain/events";
import { createTicket } from "../domain/tickets";
import { updateUserAccess } from "../domain/users";
import { attachPostgresAdapter } from "./adapter";
import { attachGateway } from "./gateway";
import { rooms } from "./events";
import { createSocketPublisher, type AppServer } from "./publisher";

/**
 * The channel is a permission boundary (A3, E3): a real gateway with real Socket.IO clients.
 * Sockets hear a queue's tickets only with the right to see them; a user with a lower right
 * than manage hears only their own; a change of rights or a disabled account reaches live
 * sockets within a second. Every change is published from a second, headless server on the
 * Postgres adapter, as the worker or another web process would: the proof crosses processes.
 */
const SECRET = "gateway-access-test-secret-".padEnd(48, "x");
const base = testDeps();
let io: AppServer;
let elsewhere: AppServer;
let deps: Deps;
const closers: (() => Promise<void>)[] = [];
let url: string;
let queueId: number;
const clients: ClientSocket[] = [];

beforeAll(async () => {
  const http = createServer();
  io = new Server(http, { transports: ["websocket"] });
  elsewhere = new Server();
  closers.push(attachPostgresAdapter(io, inject("databaseUrl")), attachPostgresAdapter(elsewhere, inject("databaseUrl")));
  deps = { ...base, publish: createSocketPublisher(elsewhere) };
  attachGateway(io, deps, { secret: SECRET, secureCookie: false });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  queueId = await ensureQueue(base.db, `Gateway access ${Date.now()}`, 95);
});
afterAll(async () => {
  clients.forEach((c) => c.close());
  await io?.close();
  await Promise.all(closers.map((c) => c()));
  await base.handle.close();
});

/** A signed-in socket of the user, once its rooms are joined (the first sync:required). */
async function socketOf(user: UserActor): Promise<ClientSocket & { got: string[] }> {
  const token = await encode({ token: { sub: String(user.userId), name: user.name }, secret: SECRET });
  const c = connect(url, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: `next-auth.session-token=${token}` } }) as ClientSocket & { got: string[] };
  c.got = [];
  clients.push(c);
  c.onAny((event, p: { ticketId?: number }) => c.got.push(`${event}:${p?.ticketId ?? ""}`));
  await new Promise<void>((resolve, reject) => {
    c.once("sync:required", () => resolve());
    c.once("connect_error", reject);
  });
  return c;
}

const ticketIn = (actor: UserActor, title: string) =>
  createTicket(deps, actor, { title, queueId, customerEmail: `gw-${Date.now()}@customer.test`, body: "x" });
const settle = () => new Promise((r) => setTimeout(r, 300));
const roomsOf = async (userId: number) => (await io.in(rooms.user(userId)).fetchSockets()).flatMap((s) => [...s.rooms]);

describe("gateway rooms follow the policy", () => {
  it("an agent of the queue hears every ticket; a user with create hears only their own; a stranger nothing", async () => {
    const agent = await makeUser(base, "agent", { queues: { [queueId]: "manage" } });
    const own = await makeUser(base, "agent", { queues: { [queueId]: "create" } });
    const stranger = await makeUser(base, "agent", { queues: {} });
    const [a, o, s] = [await socketOf(agent), await socketOf(own), await socketOf(stranger)];

    const byAgent = await ticketIn(agent, "Agent's ticket");
    const byOwn = await ticketIn(own, "Own ticket");
    await settle();
    expect(a.got).toEqual(expect.arrayContaining([`ticket:created:${byAgent.id}`, `ticket:created:${byOwn.id}`]));
    expect(o.got).toContain(`ticket:created:${byOwn.id}`);
    expect(o.got.filter((e) => e.endsWith(`:${byAgent.id}`))).toEqual([]);
    expect(s.got.filter((e) => e.startsWith("ticket:"))).toEqual([]);
    // Viewing a ticket one may not read is refused like a ticket that does not exist.
    expect(await o.emitWithAck("ticket:view", { ticketId: byAgent.id })).toEqual({ ok: false });
    expect(await s.emitWithAck("ticket:view", { ticketId: 999_999_999 })).toEqual({ ok: false });
  });

  it("revoking a queue takes the user's sockets out of its rooms within a second", async () => {
    const admin = await makeUser(base, "admin");
    const agent = await makeUser(base, "agent", { queues: { [queueId]: "manage" } });
    const sock = await socketOf(agent);
    const t = await ticketIn(agent, "Watched");
    expect(await sock.emitWithAck("ticket:view", { ticketId: t.id })).toEqual({ ok: true });
    expect(await roomsOf(agent.userId)).toEqual(expect.arrayContaining([rooms.queue(queueId), rooms.ticketAgents(t.id)]));

    const resynced = new Promise<number>((r) => sock.once("sync:required", () => r(Date.now())));
    const started = Date.now();
    await updateUserAccess(deps, admin, agent.userId, { role: "agent", active: true, canOwnTickets: true, rights: [], queues: {} });
    expect((await resynced) - started).toBeLessThan(1000);
    const left = await roomsOf(agent.userId);
    expect(left).not.toContain(rooms.queue(queueId));
    expect(left).not.toContain(rooms.ticketAgents(t.id));

    sock.got.length = 0;
    const later = await ticketIn(admin, "After revoke");
    await createTicket(deps, admin, { title: "Also after", queueId, customerEmail: "x@customer.test", body: "y" });
    await settle();
    expect(sock.got.filter((e) => e.startsWith("ticket:") || e.startsWith("entry:"))).toEqual([]);
    expect(later.id).toBeGreaterThan(t.id);

    // Granted again: the rooms come back, and so do the hints.
    await updateUserAccess(deps, admin, agent.userId, { role: "agent", active: true, canOwnTickets: true, rights: [], queues: { [queueId]: "manage" } });
    await settle();
    const again = await ticketIn(admin, "After grant");
    await settle();
    expect(sock.got).toContain(`ticket:created:${again.id}`);
  });

  it("disabling a user drops their sockets within a second, and they cannot come back", async () => {
    const admin = await makeUser(base, "admin");
    const agent = await makeUser(base, "agent", { queues: { [queueId]: "manage" } });
    const sock = await socketOf(agent);
    const gone = new Promise<number>((r) => sock.once("disconnect", () => r(Date.now())));
    const started = Date.now();
    await updateUserAccess(deps, admin, agent.userId, { role: "agent", active: false, canOwnTickets: true, rights: [], queues: { [queueId]: "manage" } });
    expect((await gone) - started).toBeLessThan(1000);
    await expect(socketOf(agent)).rejects.toThrow(/unauthorized/);
  });
});
