import { z } from "zod";
import { asc } from "drizzle-orm";
import { queues } from "../../db/schema";
import type { Actor } from "../domain/actor";
import type { Deps } from "../domain/events";
import { AppError } from "../domain/errors";
import { LOCK_TTL_SECONDS, MAX_TIMER_MS, acquireLock, heartbeatLock, releaseLock, releaseSocketLocks, setLockTimer, takeOverLock } from "../domain/locks";
import { addViewer, removeSocketViewers, removeViewer } from "../domain/presence";
import { canReadQueue } from "../domain/permissions";
import { getTicketRow } from "../domain/tickets";
import { actorFromCookies } from "../auth/session";
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
  io.use(async (socket, next) => {
    try {
      const actor = await actorFromCookies(deps.db, socket.request.headers.cookie, auth);
      if (!actor) return next(new Error("unauthorized"));
      socket.data = { userId: actor.userId, role: actor.role, name: actor.name };
      next();
    } catch (err) {
      next(err as Error);
    }
  });

  io.on("connection", (socket) => {
    const actor: Actor = { kind: "user", ...socket.data };
    const guard = guardSocket(socket, console.warn);
    /** The payload if it fits the schema; else null, and the socket's first bad one of this event is logged. */
    const parse = <T>(event: string, schema: z.ZodType<T>, raw: unknown): T | null => {
      const p = schema.safeParse(raw);
      if (p.success) return p.data;
      guard.malformed(event);
      return null;
    };
    socket.join(rooms.user(actor.userId)); // this user's notifications
    // Not awaited: the listeners below must be in place before the client's first event arrives.
    // Once the queue rooms are joined the client refetches: whatever it loaded before that may
    // have missed an event (a page load racing a new ticket, a reconnect after an outage).
    void deps.db
      .select({ id: queues.id })
      .from(queues)
      .orderBy(asc(queues.id))
      .then((all) => {
        socket.join(all.filter((q) => canReadQueue(actor, q.id)).map((q) => rooms.queue(q.id)));
        socket.emit("sync:required");
      })
      .catch(logError);

    socket.on("ticket:view", async (raw, ack) => {
      const p = parse("ticket:view", ticketRef, raw);
      if (!p) return ack?.({ ok: false });
      try {
        await getTicketRow(deps.db, actor, p.ticketId); // throws when the user may not see it
        socket.join(rooms.ticketAgents(p.ticketId));
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
      void retryForLockLifetime(() => releaseSocketLocks(deps, socket.id));
      removeSocketViewers(deps, socket.id).catch(logError);
    });
  });

  // Expired locks and viewers of vanished processes are announced; this process vouches for its sockets.
  startRealtimeSweeps(io, deps);
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
