import { z } from "zod";
import { asc } from "drizzle-orm";
import { queues } from "../../db/schema";
import type { Actor } from "../domain/actor";
import type { Deps } from "../domain/events";
import { acquireLock, heartbeatLock, releaseLock, releaseSocketLocks } from "../domain/locks";
import { canReadQueue } from "../domain/permissions";
import { getTicketRow } from "../domain/tickets";
import { actorFromCookies } from "../auth/session";
import { rooms } from "./events";
import type { AppServer } from "./publisher";

const ticketRef = z.object({ ticketId: z.number().int().positive() });
const lockRequest = ticketRef.extend({ kind: z.enum(["reply", "comment", "edit"]) });

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

  io.on("connection", async (socket) => {
    const actor: Actor = { kind: "user", ...socket.data };
    const all = await deps.db.select({ id: queues.id }).from(queues).orderBy(asc(queues.id));
    socket.join(all.filter((q) => canReadQueue(actor, q.id)).map((q) => rooms.queue(q.id)));

    socket.on("ticket:view", async (raw, ack) => {
      const p = ticketRef.safeParse(raw);
      if (!p.success) return ack?.({ ok: false });
      try {
        await getTicketRow(deps.db, actor, p.data.ticketId); // throws when the user may not see it
        socket.join(rooms.ticketAgents(p.data.ticketId));
        ack?.({ ok: true });
      } catch {
        ack?.({ ok: false });
      }
    });

    socket.on("ticket:leave", (raw) => {
      const p = ticketRef.safeParse(raw);
      if (p.success) socket.leave(rooms.ticketAgents(p.data.ticketId));
    });

    socket.on("lock:acquire", async (raw, ack) => {
      const p = lockRequest.safeParse(raw);
      if (!p.success) return ack?.({ ok: false, error: "invalid request" });
      try {
        ack?.(await acquireLock(deps, actor, { ...p.data, socketId: socket.id }));
      } catch (err) {
        ack?.({ ok: false, error: (err as Error).message });
      }
    });

    socket.on("lock:heartbeat", (raw) => {
      const p = ticketRef.safeParse(raw);
      if (p.success) heartbeatLock(deps, actor, p.data.ticketId).catch(logError);
    });

    socket.on("lock:release", (raw) => {
      const p = ticketRef.safeParse(raw);
      if (p.success) releaseLock(deps, actor, p.data.ticketId).catch(logError);
    });

    socket.on("disconnect", () => {
      releaseSocketLocks(deps, socket.id).catch(logError);
    });
  });
}

function logError(err: unknown) {
  console.error("[realtime]", (err as Error).message);
}
