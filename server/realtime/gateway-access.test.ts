import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureQueue } from "../../db/seed";
import { makeUser, testDeps } from "../../db/testing/test-deps";
import type { UserActor } from "../domain/actor";
import type { Deps } from "../domain/events";
import { eq } from "drizzle-orm";
import { ticketLocks, ticketViewers } from "../../db/schema";
import { addInternalComment } from "../domain/conversation/entries";
import { updateUserAccess } from "../domain/people/users";
import { deleteTicket } from "../domain/tickets/ticket-delete";
import { updateTicketFields } from "../domain/tickets/ticket-fields";
import { mergeTickets } from "../domain/tickets/ticket-merge";
import { createTicket } from "../domain/tickets/tickets";
import { rooms } from "./events";
import type { AppServer } from "./publisher";
import { startGatewayHarness, type RecordingSocket } from "./testing/gateway-harness";

/**
 * The channel is a permission boundary (A3, E3): a real gateway with real Socket.IO clients.
 * Sockets hear a queue's tickets only with the right to see them; a user with a lower right
 * than manage hears only their own; a change of rights or a disabled account reaches live
 * sockets within a second, and so does a change of the ticket that narrows who may read it
 * (queue, owner, deletion). Every change is published from a second, headless server on the
 * Postgres adapter, as the worker or another web process would: the proof crosses processes.
 */
const base = testDeps();
let harness: Awaited<ReturnType<typeof startGatewayHarness>>;
let io: AppServer;
let deps: Deps;
let queueId: number;

beforeAll(async () => {
  harness = await startGatewayHarness(base, inject("databaseUrl"));
  ({ io, deps } = harness);
  queueId = await ensureQueue(base.db, `Gateway access ${Date.now()}`, 95);
});
afterAll(async () => {
  await harness?.close();
  await base.handle.close();
});

/** The events a socket got, as "event:ticketId". */
const names = (s: RecordingSocket) => s.got.map((g) => `${g.event}:${(g.payload as { ticketId?: number } | undefined)?.ticketId ?? ""}`);
const socketOf = (u: UserActor) => harness.socketOf(u);

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
    expect(names(a)).toEqual(expect.arrayContaining([`ticket:created:${byAgent.id}`, `ticket:created:${byOwn.id}`]));
    expect(names(o)).toContain(`ticket:created:${byOwn.id}`);
    expect(names(o).filter((e) => e.endsWith(`:${byAgent.id}`))).toEqual([]);
    expect(names(s).filter((e) => e.startsWith("ticket:"))).toEqual([]);
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
    expect(names(sock).filter((e) => e.startsWith("ticket:") || e.startsWith("entry:"))).toEqual([]);
    expect(later.id).toBeGreaterThan(t.id);

    // Granted again: the rooms come back, and so do the hints.
    await updateUserAccess(deps, admin, agent.userId, { role: "agent", active: true, canOwnTickets: true, rights: [], queues: { [queueId]: "manage" } });
    await settle();
    const again = await ticketIn(admin, "After grant");
    await settle();
    expect(names(sock)).toContain(`ticket:created:${again.id}`);
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

describe("ticket rooms follow the ticket", () => {
  /** Milliseconds until none of the user's sockets is in the ticket's room (or 5 s). */
  async function leftRoomAfter(userId: number, ticketId: number, started: number): Promise<number> {
    while ((await roomsOf(userId)).includes(rooms.ticketAgents(ticketId)) && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 20));
    return Date.now() - started;
  }
  /** Whether a ticket's events reach the socket: a colleague comments, views and takes the lock. */
  async function hearsOf(sock: RecordingSocket, colleague: RecordingSocket, admin: UserActor, ticketId: number): Promise<string[]> {
    sock.got.length = 0;
    await addInternalComment(deps, admin, { ticketId, body: "after", force: true });
    await colleague.emitWithAck("ticket:view", { ticketId });
    await colleague.emitWithAck("lock:acquire", { ticketId, kind: "reply" });
    colleague.emit("lock:release", { ticketId });
    colleague.emit("ticket:leave", { ticketId });
    await settle();
    return names(sock).filter((e) => e.endsWith(`:${ticketId}`));
  }

  it("a ticket moved to a queue the agent cannot see: their socket leaves its room within a second, hears no more, and their lock goes", async () => {
    const other = await ensureQueue(base.db, `Gateway other ${Date.now()}`, 94);
    const admin = await makeUser(base, "admin");
    const agent = await makeUser(base, "agent", { queues: { [queueId]: "manage" } });
    const [sock, colleague] = [await socketOf(agent), await socketOf(admin)];
    const t = await ticketIn(admin, "Moving away");
    expect(await sock.emitWithAck("ticket:view", { ticketId: t.id })).toEqual({ ok: true });
    expect(await sock.emitWithAck("lock:acquire", { ticketId: t.id, kind: "reply" })).toMatchObject({ ok: true });

    const started = Date.now();
    await updateTicketFields(deps, admin, { ticketId: t.id, queueId: other });
    expect(await leftRoomAfter(agent.userId, t.id, started)).toBeLessThan(1000);
    await settle();
    expect(await base.db.select().from(ticketViewers).where(eq(ticketViewers.ticketId, t.id))).toEqual([]);
    expect(await base.db.select().from(ticketLocks).where(eq(ticketLocks.ticketId, t.id))).toEqual([]);
    expect(await hearsOf(sock, colleague, admin, t.id)).toEqual([]);
  });

  it("a user who reads only their own tickets leaves the room of one that gets another owner", async () => {
    const admin = await makeUser(base, "admin");
    const reader = await makeUser(base, "agent", { queues: { [queueId]: "read_own" } });
    const t = await ticketIn(admin, "Owned, then not");
    await updateTicketFields(deps, admin, { ticketId: t.id, ownerId: reader.userId });
    const [sock, colleague] = [await socketOf(reader), await socketOf(admin)];
    expect(await sock.emitWithAck("ticket:view", { ticketId: t.id })).toEqual({ ok: true });

    const started = Date.now();
    await updateTicketFields(deps, admin, { ticketId: t.id, ownerId: admin.userId });
    expect(await leftRoomAfter(reader.userId, t.id, started)).toBeLessThan(1000);
    expect(await hearsOf(sock, colleague, admin, t.id)).toEqual([]);
  });

  it("a deleted ticket's room empties within a second", async () => {
    const admin = await makeUser(base, "admin");
    const agent = await makeUser(base, "agent", { queues: { [queueId]: "manage" } });
    const sock = await socketOf(agent);
    const t = await ticketIn(admin, "Deleted while open");
    expect(await sock.emitWithAck("ticket:view", { ticketId: t.id })).toEqual({ ok: true });
    const started = Date.now();
    await deleteTicket(deps, admin, { ticketId: t.id });
    expect(await leftRoomAfter(agent.userId, t.id, started)).toBeLessThan(1000);
  });

  it("who may still read the ticket stays: confidential, further owners and a merge re-check without dropping them", async () => {
    const admin = await makeUser(base, "admin");
    const agent = await makeUser(base, "agent", { queues: { [queueId]: "manage" } });
    const [sock, colleague] = [await socketOf(agent), await socketOf(admin)];
    const t = await ticketIn(admin, "Still readable");
    const target = await ticketIn(admin, "Merge target");
    expect(await sock.emitWithAck("ticket:view", { ticketId: t.id })).toEqual({ ok: true });
    await updateTicketFields(deps, admin, { ticketId: t.id, confidential: true });
    await updateTicketFields(deps, admin, { ticketId: t.id, coOwners: [{ userId: admin.userId, roleId: null }] });
    await settle();
    expect(await roomsOf(agent.userId)).toContain(rooms.ticketAgents(t.id));
    expect(await hearsOf(sock, colleague, admin, t.id)).toContain(`entry:created:${t.id}`);
    await mergeTickets(deps, admin, { sourceId: t.id, targetId: target.id });
    await settle();
    expect(await roomsOf(agent.userId)).toContain(rooms.ticketAgents(t.id));
  });
});

