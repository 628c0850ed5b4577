import { describe, expect, it } from "vitest";
import { createSocketPublisher, type AppServer } from "./publisher";

/** A stand-in for the Socket.IO server that records where what was emitted. */
function recordingServer() {
  const sent: { rooms: string[]; event: string; payload: unknown }[] = [];
  const io = {
    to: (rooms: string | string[]) => ({
      emit: (event: string, payload: unknown) => sent.push({ rooms: ([] as string[]).concat(rooms), event, payload }),
    }),
  };
  return { io: io as unknown as AppServer, sent };
}

describe("socket publisher: notifications", () => {
  it("sends a new notification only to its user's room, with ids and the count", () => {
    const { io, sent } = recordingServer();
    createSocketPublisher(io)([
      { type: "notification.created", userId: 7, notificationId: 42, ticketId: 3, unreadCount: 5 },
      { type: "notification.read", userId: 7, unreadCount: 4 },
    ]);
    expect(sent).toEqual([
      { rooms: ["user:7"], event: "notification:new", payload: { notificationId: 42, ticketId: 3, unreadCount: 5 } },
      { rooms: ["user:7"], event: "notification:read", payload: { unreadCount: 4 } },
    ]);
  });
});
