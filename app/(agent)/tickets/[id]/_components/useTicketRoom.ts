"use client";

import { useEffect } from "react";
import { useOnSocketConnect, useSocket } from "@/app/_lib/socket";

/** Joins the ticket's agent room while the page is open, and again after every reconnect. */
export function useTicketRoom(ticketId: number): void {
  const socket = useSocket();
  useOnSocketConnect((s) => {
    s.emit("ticket:view", { ticketId }, () => {});
  });
  useEffect(() => {
    if (!socket) return;
    if (socket.connected) socket.emit("ticket:view", { ticketId }, () => {});
    return () => {
      socket.emit("ticket:leave", { ticketId });
    };
  }, [socket, ticketId]);
}
