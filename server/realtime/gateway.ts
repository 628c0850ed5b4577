import { z } from "zod";
import { asc, eq } from "drizzle-orm";
import { queues, tickets } from "../../db/schema";
import type { UserActor } from "../domain/actor";
import type { Deps } from "../domain/events";
import { AppError } from "../domain/errors";
import { LOCK_TTL_SECONDS, MAX_TIMER_MS, acquireLock, heartbeatLock, releaseLock, releaseSocketLocks, setLockTimer, takeOverLock } from "../domain/collaboration/locks";
import { addViewer, removeSocketViewers, removeViewer } from "../domain/collaboration/presence";
import { canReadTicket, canSeeQueue, managesQueue, ticketAccessColumns } from "../domain/permissions";
import { sessionActor, sessionFromCookies, type SessionRef } from "../auth/session";
import { guardSocket } from "./socket-guard";
import { rooms, type HeartbeatAck, type LockAck } from "./events";
import type { AppServer } from "./publisher";
import { startRealtimeSweeps } from "./sweeps";

const ticketRef = z.object({ ticketId: z.number().int().positive() });
const timerState = z.object({ accumulatedMs: z.number().int().min(0).max(MAX_TIMER_MS), running: z.boolean() });
const lockRequest = ticketRef.extend({ kind: z.enum(["reply", "comment", "edit"]), timer: timerState.optional() });
const timerRequest = ticketRef.extend({ timer: timerState });

/** The client's ack callback, or a no-op when it sent none (or something that is not one). */
function replyTo<T>(ack: unknown): (r: T) => void {
  return typeof ack === "function" ? (ack as (r: T) => void) : () => {};
}

/** A refused lock request, with a code the editor turns into a translated message. */
function lockFailure(err: unknown): LockAck {
  if (err instanceof AppError) {
    const codes: Partial<Record<AppError["code"], "forbidden" | "not_found" | "invalid">> = {
      FORBIDDEN: "forbidden", NOT_FOUND: "not_found", INVALID: "invalid",
    };
    const code = codes[err.code] ?? "failed";
    return { ok: false, error: err.message, code };
  }
  logError(err);
  return { ok: false, error: "Something went wrong", code: "failed" };
}

/**
 * Socket.IO gateway: authenticates the handshake from the next-auth cookie, puts the socket
 * into the rooms its user may see, and relays lock requests to the domain.
 */
export function attachGateway(io: AppServer, deps: Deps, auth: { secret: string; secureCookie: boolean }): void {
  // The handshake's session and actor, handed to the connection handler (socket.data stays serialisable).
  const handshakes = new WeakMap<object, { session: SessionRef; actor: UserActor }>();
  // This process's sockets per user, each with a function that re-checks its session and rooms.
  const recheckers = new Map<number, Map<string, () => Promise<void>>>();
  // This process's sockets, each with a function that re-checks one ticket room of it.
  const ticketRecheckers = new Map<string, (ticketId: number) => Promise<void>>();
  // Counts the re-checks this process was asked for: a `ticket:view` that overlapped one checks again.
  let accessEpoch = 0;

  io.use(async (socket, next) => {
    try {
      const session = await sessionFromCookies(socket.request.headers.cookie, auth);
      const actor = session && (await sessionActor(deps.db, session));
      if (!session || !actor) return next(new Error("unauthorized"));
      socket.data = { userId: actor.userId, role: actor.role, name: actor.name };
      handshakes.set(socket, { session, actor });
      next();
    } catch (err) {
      next(err as Error);
    }
  });

  // A user's rights changed or their sessions ended (here or on another process): each of their sockets here is re-checked.
  io.on("access:changed", (userId) => {
    accessEpoch++;
    for (const recheck of recheckers.get(userId)?.values() ?? []) recheck().catch(logError);
  });

  // Fewer may read a ticket now (moved, new owners, confidential, merged, deleted): its room's sockets here are re-checked.
  io.on("ticket:access:changed", (ticketId) => {
    accessEpoch++;
    for (const socketId of io.of("/").adapter.rooms.get(rooms.ticketAgents(ticketId)) ?? []) {
      ticketRecheckers.get(socketId)?.(ticketId).catch(logError);
    }
  });

  io.on("connection", (socket) => {
    const { session } = handshakes.get(socket)!;
    // Replaced when the user's rights change; every handler below reads the current one.
    let actor: UserActor = handshakes.get(socket)!.actor;
    // A process holds ~10,000 sockets: once authenticated, the upgrade request and its
    // headers (cookie included) are not needed again, so they are not kept per socket.
    (socket.conn as unknown as { request: unknown }).request = null;
    socket.handshake.headers = {};
    const guard = guardSocket(socket, console.warn);
    /** The payload if it fits the schema; else null, and the socket's first bad one of this event is logged. */
    const parse = <T>(event: string, schema: z.ZodType<T>, raw: unknown): T | null => {
      const p = schema.safeParse(raw);
      if (p.success) return p.data;
      guard.malformed(event);
      return null;
    };
    socket.join(rooms.user(actor.userId)); // this user's notifications

    /**
     * Puts the socket into exactly the queue rooms the actor may hear, leaves ticket rooms it
     * may no longer read, and tells the client to refetch: whatever it loaded before may have
     * missed an event (a page load racing a new ticket, a reconnect, a change of rights).
     */
    const syncRooms = async () => {
      const allowed = await queueRoomsFor(deps, actor);
      for (const room of socket.rooms) {
        if (room.startsWith("agent:queue:") && !allowed.has(room)) socket.leave(room);
        const ticketId = ticketIdOfRoom(room);
        if (ticketId !== null && !(await mayRead(deps, actor, ticketId))) await leaveTicket(ticketId);
      }
      socket.join([...allowed]);
      socket.emit("sync:required");
    };
    /** Out of a ticket the user may no longer read: no more names, locks or entries of it; their lock on it goes. */
    const leaveTicket = async (ticketId: number) => {
      socket.leave(rooms.ticketAgents(ticketId));
      await removeViewer(deps, { ticketId, socketId: socket.id });
      await releaseLock(deps, actor, ticketId);
    };
    const recheck = async () => {
      const fresh = await sessionActor(deps.db, session);
      // Disabled, or the session ended: the handshake refuses a reconnect with this cookie.
      if (!fresh) return void socket.disconnect(true);
      actor = fresh;
      await syncRooms();
    };
    const mine = recheckers.get(actor.userId) ?? new Map<string, () => Promise<void>>();
    recheckers.set(actor.userId, mine.set(socket.id, recheck));
    ticketRecheckers.set(socket.id, async (ticketId) => {
      if (await mayRead(deps, actor, ticketId)) return;
      await leaveTicket(ticketId);
      socket.emit("sync:required"); // an open page of the ticket finds it gone
    });
    // Not awaited: the listeners below must be in place before the client's first event arrives.
    syncRooms().catch(logError);

    socket.on("ticket:view", async (raw, ack) => {
      const p = parse("ticket:view", ticketRef, raw);
      if (!p) return ack?.({ ok: false });
      try {
        const epoch = accessEpoch;
        if (!(await mayRead(deps, actor, p.ticketId))) return ack?.({ ok: false });
        socket.join(rooms.ticketAgents(p.ticketId));
        // A re-check that ran between the check and the join did not see this socket in the room.
        if (epoch !== accessEpoch && !(await mayRead(deps, actor, p.ticketId))) {
          socket.leave(rooms.ticketAgents(p.ticketId));
          return ack?.({ ok: false });
        }
        // Joined first, so this socket hears the presence event it causes.
        await addViewer(deps, actor, { ticketId: p.ticketId, socketId: socket.id });
        ack?.({ ok: true });
      } catch {
        ack?.({ ok: false });
      }
    });

    socket.on("ticket:leave", (raw) => {
      const p = parse("ticket:leave", ticketRef, raw);
      if (!p) return;
      socket.leave(rooms.ticketAgents(p.ticketId));
      removeViewer(deps, { ticketId: p.ticketId, socketId: socket.id }).catch(logError);
    });

    socket.on("lock:acquire", async (raw, ack) => {
      const reply = replyTo<LockAck>(ack);
      const p = parse("lock:acquire", lockRequest, raw);
      if (!p) return reply({ ok: false, error: "invalid request", code: "invalid" });
      try {
        reply(await acquireLock(deps, actor, { ...p, socketId: socket.id }));
      } catch (err) {
        reply(lockFailure(err));
      }
    });

    socket.on("lock:takeover", async (raw, ack) => {
      const reply = replyTo<LockAck>(ack);
      const p = parse("lock:takeover", lockRequest, raw);
      if (!p) return reply({ ok: false, error: "invalid request", code: "invalid" });
      try {
        const { lock } = await takeOverLock(deps, actor, { ...p, socketId: socket.id });
        reply({ ok: true, lock });
      } catch (err) {
        reply(lockFailure(err));
      }
    });

    // A heartbeat for a lock this user does not hold answers with the current holder.
    socket.on("lock:heartbeat", async (raw, ack) => {
      const reply = replyTo<HeartbeatAck>(ack);
      const p = parse("lock:heartbeat", ticketRef, raw);
      if (!p) return reply({ ok: false, holder: null });
      try {
        reply(await heartbeatLock(deps, actor, p.ticketId));
      } catch (err) {
        logError(err);
        reply({ ok: false, holder: null });
      }
    });

    socket.on("timer:set", async (raw, ack) => {
      const reply = replyTo<LockAck>(ack);
      const p = parse("timer:set", timerRequest, raw);
      if (!p) return reply({ ok: false, error: "invalid request", code: "invalid" });
      try {
        const r = await setLockTimer(deps, actor, p);
        reply(r.ok ? r : { ok: false, holder: r.holder ?? undefined });
      } catch (err) {
        reply(lockFailure(err));
      }
    });

    socket.on("lock:release", (raw) => {
      const p = parse("lock:release", ticketRef, raw);
      if (p) void retryForLockLifetime(() => releaseLock(deps, actor, p.ticketId));
    });

    socket.on("disconnect", () => {
      ticketRecheckers.delete(socket.id);
      mine.delete(socket.id);
      if (mine.size === 0) recheckers.delete(actor.userId);
      void retryForLockLifetime(() => releaseSocketLocks(deps, socket.id));
      removeSocketViewers(deps, socket.id).catch(logError);
    });
  });

  // Expired locks and viewers of vanished processes are announced; this process vouches for its sockets.
  startRealtimeSweeps(io, deps);
}

/** The queue rooms whose hints the actor may hear: a queue's room where they manage it, else their own tickets' room. */
async function queueRoomsFor(deps: Deps, actor: UserActor): Promise<Set<string>> {
  const all = await deps.db.select({ id: queues.id }).from(queues).orderBy(asc(queues.id));
  const out = new Set<string>();
  for (const q of all) {
    if (managesQueue(actor, q.id)) out.add(rooms.queue(q.id));
    else if (canSeeQueue(actor, q.id)) out.add(rooms.queueOwn(q.id, actor.userId));
  }
  return out;
}

function ticketIdOfRoom(room: string): number | null {
  const m = /^ticket:(\d+):agents$/.exec(room);
  return m ? Number(m[1]) : null;
}

/** Whether the ticket exists and the actor may read it; one small query, as it runs per socket and change. */
async function mayRead(deps: Deps, actor: UserActor, ticketId: number): Promise<boolean> {
  const [t] = await deps.db.select(ticketAccessColumns).from(tickets).where(eq(tickets.id, ticketId));
  return !!t && canReadTicket(actor, t);
}

/**
 * A release that fails (the database is restarting) is tried again until the lock would
 * have expired anyway, so no colleague sees a stale "is replying" for longer than needed.
 */
async function retryForLockLifetime(release: () => Promise<unknown>): Promise<void> {
  const until = Date.now() + LOCK_TTL_SECONDS * 1000;
  for (let wait = 250; ; wait = Math.min(wait * 2, 4000)) {
    try {
      await release();
      return;
    } catch (err) {
      if (Date.now() + wait > until) return logError(err);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

function logError(err: unknown) {
  console.error("[realtime]", (err as Error).message);
}
