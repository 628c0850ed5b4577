import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { statuses, tickets } from "../../db/schema";
import { ensureQueue } from "../../db/seed";
import { makeUser, testDeps } from "../../db/testing/test-deps";
import type { UserActor } from "../domain/actor";
import { addInternalComment, replyToTicket } from "../domain/conversation/entries";
import { ingestRawMail } from "../domain/mail/ingest";
import { AppError } from "../domain/errors";
import { deleteTicket } from "../domain/tickets/ticket-delete";
import { updateTicketFields } from "../domain/tickets/ticket-fields";
import { setParent, unlinkParent } from "../domain/tickets/ticket-links";
import { mergeTickets } from "../domain/tickets/ticket-merge";
import { changeStatus, createTicket } from "../domain/tickets/tickets";
import { startGatewayHarness, type RecordingSocket } from "./testing/gateway-harness";

/**
 * E3/E6: the channel leaks nothing. At least 1,000 random actions (tickets, customer mails,
 * replies, internal comments, status changes, locks, presence) run while observers are
 * connected who may see only part of it: an agent without any queue, an agent of another
 * queue, a user who may read only the one ticket they own, and a back-office user without
 * the view right. Afterwards, no observer holds a single event about a ticket they may not
 * read, and no payload carries more than ids, counts and display names. Tickets are merged
 * (also across queues) and linked as parent and child meanwhile; mail to a merged ticket lands
 * in its target, whose events must reach only those who may read the target.
 *
 * Tickets also change hands while observers have them open: they move between the queues,
 * get other owners and further owners, turn confidential, and are deleted. An observer may
 * hear of a ticket only while they may read it, and for at most a second after they lost it
 * (the gateway re-checks the ticket's room on every such change). Customer sockets join this
 * test when the customer page exists.
 */
const ACTIONS = 1200;
/** How long after losing a ticket an observer may still hear of it (the re-check's deadline). */
const GRACE_MS = 1000;
const base = testDeps();
let harness: Awaited<ReturnType<typeof startGatewayHarness>>;

beforeAll(async () => {
  harness = await startGatewayHarness(base, inject("databaseUrl"));
});
afterAll(async () => {
  await harness?.close();
  await base.handle.close();
});

/** A small seeded PRNG, so a failure can be replayed with the printed seed. */
function prng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** What an event may carry: ids, counts, versions, and for locks and presence display names. */
/** What decides who may read a ticket, at one moment. */
interface TicketState {
  queueId: number;
  ownerId: number | null;
  deleted: boolean;
}

const allowedKeys = new Set(["ticketId", "queueId", "version", "entryId", "lock", "viewers", "takenOverFrom", "notificationId", "unreadCount"]);

describe("no event about a foreign ticket reaches anyone", () => {
  it(`${ACTIONS} random actions; observers get only what they may read`, async () => {
    const seed = Number(process.env.LEAK_SEED ?? Date.now() % 1_000_000);
    console.log(`leak test seed ${seed} (LEAK_SEED=${seed} replays it)`);
    const rnd = prng(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const stamp = `${seed}-${Date.now()}`;
    const q1 = await ensureQueue(base.db, `Leak main ${stamp}`, 96);
    const q2 = await ensureQueue(base.db, `Leak other ${stamp}`, 97);
    const { deps, socketOf } = harness;

    const agents = [
      await makeUser(base, "agent", { queues: { [q1]: "manage", [q2]: "manage" } }),
      await makeUser(base, "agent", { queues: { [q1]: "manage" } }),
    ];
    const reader = await makeUser(base, "agent", { queues: { [q1]: "read_own" } });
    const observers: Record<string, { user: UserActor; may: (t: TicketState) => boolean }> = {
      noAccess: { user: await makeUser(base, "agent", { queues: {} }), may: () => false },
      otherQueue: { user: await makeUser(base, "agent", { queues: { [q2]: "manage" } }), may: (t) => !t.deleted && t.queueId === q2 },
      readOwn: { user: reader, may: (t) => !t.deleted && t.ownerId === reader.userId },
      backofficeNoView: { user: await makeUser(base, "backoffice", { queues: { [q1]: "manage", [q2]: "manage" }, rights: ["ticket.update"] }), may: () => false },
    };
    const observed: Record<string, RecordingSocket> = {};
    for (const [name, o] of Object.entries(observers)) observed[name] = await socketOf(o.user);
    const agentSockets = [await socketOf(agents[0]), await socketOf(agents[1])];

    const statusIds = async (q: number) => (await base.db.select({ id: statuses.id }).from(statuses).where(eq(statuses.queueId, q))).map((s) => s.id);
    const statusesOf = { [q1]: await statusIds(q1), [q2]: await statusIds(q2) };
    const live: { id: number; number: number; queueId: number }[] = [];
    // Each ticket's states over time: `from` when the action that made it began, so both the
    // old and the new state count while that action runs.
    const history = new Map<number, (TicketState & { from: number })[]>();
    const newTicket = async (queueId: number) => {
      const t = await createTicket(deps, agents[0], { title: `Leak ${live.length}`, queueId, customerEmail: `leak-${stamp}@customer.test`, body: "secret first text" });
      live.push({ id: t.id, number: t.number, queueId });
      return t;
    };
    /** Reads every ticket's queue and owner after an action and records what changed (also by side effects). */
    const snapshot = async (from: number) => {
      const ids = [...history.keys(), ...live.map((t) => t.id)];
      const rows = await base.db.select({ id: tickets.id, queueId: tickets.queueId, ownerId: tickets.ownerId }).from(tickets).where(inArray(tickets.id, ids));
      for (const id of new Set(ids)) {
        const row = rows.find((r) => r.id === id);
        const now: TicketState = row ? { queueId: row.queueId, ownerId: row.ownerId, deleted: false } : { queueId: 0, ownerId: null, deleted: true };
        const states = history.get(id) ?? [];
        const last = states.at(-1);
        if (!last || last.queueId !== now.queueId || last.ownerId !== now.ownerId || last.deleted !== now.deleted) states.push({ ...now, from });
        history.set(id, states);
        const l = live.find((t) => t.id === id);
        if (l && row) l.queueId = row.queueId;
      }
    };
    // The reader owns one ticket, so the test also proves they do hear about it; it never changes hands.
    const owned = await newTicket(q1);
    await base.db.update(tickets).set({ ownerId: reader.userId }).where(eq(tickets.id, owned.id));
    await newTicket(q2);
    await snapshot(0);
    const changeable = () => live.filter((t) => t.id !== owned.id);

    // Agents' own sockets stay under the gateway's flood limit (20 events/s), as a person would.
    const lastEmit = new Map<RecordingSocket, number>();
    const paced = async (sock: RecordingSocket) => {
      const wait = (lastEmit.get(sock) ?? 0) + 110 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      lastEmit.set(sock, Date.now());
    };
    const counts: Record<string, number> = {};
    // Merges and links the rules refuse (a cycle, an already merged ticket) are part of the mix.
    let merges = 0;
    let links = 0;
    let handovers = 0;
    const refusedOrDone = async (action: () => Promise<unknown>) => {
      try {
        await action();
        return 1;
      } catch (err) {
        if (err instanceof AppError && err.code === "INVALID") return 0;
        throw err;
      }
    };
    const kinds = [
      "ticket", "mail", "reply", "comment", "comment", "status", "lock", "view", "merge", "parent",
      "observe", "observe", "move", "owner", "coOwners", "confidential", "delete",
    ] as const;
    for (let i = 0; i < ACTIONS; i++) {
      const started = Date.now();
      const t = pick(live);
      const agent = t.queueId === q2 ? agents[0] : pick(agents);
      const sock = agentSockets[agents.indexOf(agent)];
      const kind = pick(kinds);
      // Changes of hands never touch the reader's own ticket (the control below).
      const other = changeable().length > 1 ? pick(changeable()) : null;
      counts[kind] = (counts[kind] ?? 0) + 1;
      switch (kind) {
        case "ticket":
          await newTicket(rnd() < 0.7 ? q1 : q2);
          break;
        case "mail":
          await ingestRawMail(deps, {
            source: "file",
            raw: Buffer.from(`From: leak-${stamp}@customer.test\r\nSubject: Re: [Ticket#${t.number}] x\r\nMessage-ID: <leak-${stamp}-${i}@customer.test>\r\n\r\ncustomer secret ${i}`),
          });
          break;
        case "reply":
          // Refused on a confidential ticket.
          await refusedOrDone(() => replyToTicket(deps, agent, { ticketId: t.id, body: `reply secret ${i}`, force: true }));
          break;
        case "comment":
          await addInternalComment(deps, agent, { ticketId: t.id, body: `INTERNAL secret ${i}`, force: true });
          break;
        case "status":
          await changeStatus(deps, agent, { ticketId: t.id, statusId: pick(statusesOf[t.queueId]) });
          break;
        case "lock": {
          await paced(sock);
          const got = (await sock.timeout(5000).emitWithAck("lock:acquire", { ticketId: t.id, kind: "reply" })) as { ok: boolean };
          if (got.ok) sock.emit("lock:release", { ticketId: t.id });
          break;
        }
        case "view":
          await paced(sock);
          await sock.timeout(5000).emitWithAck("ticket:view", { ticketId: t.id });
          sock.emit("ticket:leave", { ticketId: t.id });
          break;
        // The reader's ticket is never merged away, so the control below stays meaningful.
        // A merged ticket changes no more: it leaves the pool; mail to it still arrives (and lands in its target).
        case "merge":
          if (t.id !== owned.id && live.length > 2) {
            const done = await refusedOrDone(() => mergeTickets(deps, agents[0], { sourceId: t.id, targetId: pick(live).id }));
            if (done) live.splice(live.indexOf(t), 1);
            merges += done;
          }
          break;
        case "parent":
          links += await refusedOrDone(() =>
            rnd() < 0.2 ? unlinkParent(deps, agents[0], { ticketId: t.id }) : setParent(deps, agents[0], { ticketId: t.id, parentId: pick(live).id }),
          );
          break;
        // An observer opens a ticket (refused unless they may read it), and keeps it open.
        case "observe": {
          const name = pick(Object.keys(observed));
          // Mostly one they may read now, so that rooms are held when tickets change hands.
          const readable = live.filter((l) => observers[name].may(history.get(l.id)!.at(-1)!));
          const s = observed[name];
          await paced(s);
          await s.timeout(5000).emitWithAck("ticket:view", { ticketId: readable.length && rnd() < 0.8 ? pick(readable).id : t.id });
          break;
        }
        case "move":
          if (other) handovers += await refusedOrDone(() => updateTicketFields(deps, agents[0], { ticketId: other.id, queueId: other.queueId === q1 ? q2 : q1 }));
          break;
        case "owner":
          if (other) handovers += await refusedOrDone(() => updateTicketFields(deps, agents[0], { ticketId: other.id, ownerId: pick([reader.userId, reader.userId, agents[0].userId, null]) }));
          break;
        case "coOwners":
          if (other) {
            const coOwners = [agents[0], agents[1], reader].filter(() => rnd() < 0.5).map((u) => ({ userId: u.userId, roleId: null }));
            handovers += await refusedOrDone(() => updateTicketFields(deps, agents[0], { ticketId: other.id, coOwners }));
          }
          break;
        case "confidential":
          if (other) handovers += await refusedOrDone(() => updateTicketFields(deps, agents[0], { ticketId: other.id, confidential: rnd() < 0.5 }));
          break;
        case "delete":
          if (other && live.length > 3) {
            await deleteTicket(deps, agents[0], { ticketId: other.id });
            live.splice(live.indexOf(other), 1);
          }
          break;
      }
      await snapshot(started);
    }
    // Let the last events arrive (they cross the Postgres adapter).
    await new Promise((r) => setTimeout(r, 1500));
    console.log(`actions: ${JSON.stringify(counts)}; merges done: ${merges}, links done: ${links}, changes of hands done: ${handovers}`);

    /** Whether the observer could read the ticket at some moment of the `GRACE_MS` before `at`. */
    const mayHaveHeard = (name: string, ticketId: number, at: number) => {
      const states = history.get(ticketId) ?? [];
      return states.some((st, k) => st.from <= at && (states[k + 1]?.from ?? Infinity) >= at - GRACE_MS && observers[name].may(st));
    };
    const leaks: string[] = [];
    for (const [name, sock] of Object.entries(observed)) {
      for (const { event, payload, at } of sock.got) {
        const p = (payload ?? {}) as Record<string, unknown>;
        for (const key of Object.keys(p)) if (!allowedKeys.has(key)) leaks.push(`${name}: ${event} carries "${key}"`);
        if (JSON.stringify(p).includes("secret")) leaks.push(`${name}: ${event} carries text`);
        if (typeof p.ticketId === "number" && !mayHaveHeard(name, p.ticketId, at)) leaks.push(`${name}: ${event} about ticket ${p.ticketId}`);
      }
    }
    expect(leaks.slice(0, 20)).toEqual([]);

    // Controls: the channel did carry things, to those who may see them.
    const about = (s: RecordingSocket, id: number) => s.got.filter((g) => (g.payload as { ticketId?: number })?.ticketId === id).length;
    expect(about(observed.readOwn, owned.id)).toBeGreaterThan(0);
    expect(observed.otherQueue.got.filter((g) => (g.payload as { ticketId?: number })?.ticketId).length).toBeGreaterThan(0);
    expect(agentSockets[0].got.length).toBeGreaterThan(ACTIONS / 2);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(ACTIONS);
    expect(merges).toBeGreaterThan(0);
    expect(links).toBeGreaterThan(0);
    expect(handovers).toBeGreaterThan(0);
    // Observers did have tickets open that then changed hands (else the re-check went unproven).
    const lost = Object.entries(observed).filter(([name, s]) => s.got.some((g) => {
      const id = (g.payload as { ticketId?: number })?.ticketId;
      return typeof id === "number" && (history.get(id) ?? []).some((st) => !observers[name].may(st));
    }));
    expect(lost.length).toBeGreaterThan(0);
  }, 240_000);
});
