"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import { useOnSocketConnect, useSocket, type AppSocket } from "@/app/_lib/socket";
import { useTRPC } from "@/app/_lib/trpc";

/**
 * Joins the ticket's agent room while the page is open, and again after every reconnect.
 * Once joined, the ticket is read again: a load that started before the join may answer
 * after the presence or lock event the join caused, and would otherwise leave it stale.
 */
export function useTicketRoom(ticketId: number): void {
  const socket = useSocket();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const view = useCallback(
    (s: AppSocket) =>
      s.emit("ticket:view", { ticketId }, (ack) => {
        if (ack.ok) void queryClient.invalidateQueries(trpc.ticket.get.queryFilter({ ticketId }));
      }),
    [ticketId, queryClient, trpc],
  );
  useOnSocketConnect(view);
  useEffect(() => {
    if (!socket) return;
    if (socket.connected) view(socket);
    return () => {
      socket.emit("ticket:leave", { ticketId });
    };
  }, [socket, ticketId, view]);
}
