import type { Server } from "socket.io";
import type { DomainEvent, Publish } from "../domain/events";
import { rooms, type ClientToServerEvents, type InterServerEvents, type ServerToClientEvents, type SocketData } from "./events";

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * Turns domain events into Socket.IO hints for the rooms allowed to see them. Used by the
 * web process (its gateway) and the worker (a headless server on the same Postgres adapter).
 */
export function createSocketPublisher(io: AppServer): Publish {
  return (events: DomainEvent[]) => {
    for (const e of events) {
      if (e.type === "notification.created") {
        io.to(rooms.user(e.userId)).emit("notification:new", { notificationId: e.notificationId, ticketId: e.ticketId, unreadCount: e.unreadCount });
        continue;
      }
      if (e.type === "notification.read") {
        io.to(rooms.user(e.userId)).emit("notification:read", { unreadCount: e.unreadCount });
        continue;
      }
      if (e.type === "access.changed") {
        toEveryProcess(io, "access:changed", e.userId);
        continue;
      }
      if (e.type === "ticket.access.changed") {
        toEveryProcess(io, "ticket:access:changed", e.ticketId);
        continue;
      }
      const queue = [rooms.queue(e.queueId), ...(e.involved ?? []).map((u) => rooms.queueOwn(e.queueId, u))];
      switch (e.type) {
        case "ticket.created":
          io.to(queue).emit("ticket:created", { ticketId: e.ticketId, queueId: e.queueId });
          break;
        case "ticket.changed":
          io.to(queue).emit("ticket:changed", { ticketId: e.ticketId, version: e.version });
          break;
        case "entry.created":
          io.to([...queue, rooms.ticketAgents(e.ticketId)]).emit("entry:created", { ticketId: e.ticketId, entryId: e.entryId });
          break;
        case "lock.changed":
          // Lock, timer and presence events carry display names: agent rooms only.
          io.to([...queue, rooms.ticketAgents(e.ticketId)]).emit("lock:changed", {
            ticketId: e.ticketId,
            lock: e.lock,
            ...(e.takenOverFrom ? { takenOverFrom: e.takenOverFrom } : {}),
          });
          break;
        case "presence.changed":
          io.to([...queue, rooms.ticketAgents(e.ticketId)]).emit("presence:changed", { ticketId: e.ticketId, viewers: e.viewers });
          break;
      }
    }
  };
}

/** Other processes hear it through the adapter; this process's own gateway, directly. */
function toEveryProcess(io: AppServer, event: keyof InterServerEvents, id: number): void {
  io.serverSideEmit(event, id);
  for (const listener of io.listeners(event)) (listener as (id: number) => void)(id);
}
