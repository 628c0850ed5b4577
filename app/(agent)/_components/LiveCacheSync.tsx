"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { TicketListItem } from "@/app/_lib/api-types";
import { useSocketEvent } from "@/app/_lib/socket";
import { useTRPC } from "@/app/_lib/trpc";

/**
 * Turns socket hints into cache work, once for the whole app: lists and tickets are
 * refetched through tRPC (where permissions apply); lock changes are written into the
 * cache directly, since the event carries everything a row shows about a lock.
 */
export function LiveCacheSync() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Bursts (a reply is entry:created + ticket:changed + lock:changed) cause one list refetch.
  const refetchLists = () => {
    clearTimeout(listTimer.current);
    listTimer.current = setTimeout(() => {
      void queryClient.invalidateQueries(trpc.ticket.list.queryFilter());
    }, 150);
  };
  useEffect(() => () => clearTimeout(listTimer.current), []);

  useSocketEvent("ticket:created", () => refetchLists());

  // Also sent when the worker delivered (or failed to deliver) a ticket's mail.
  useSocketEvent("ticket:changed", ({ ticketId }) => {
    refetchLists();
    void queryClient.invalidateQueries(trpc.ticket.get.queryFilter({ ticketId }));
    void queryClient.invalidateQueries(trpc.entry.list.queryFilter({ ticketId }));
  });

  useSocketEvent("entry:created", ({ ticketId }) => {
    refetchLists();
    void queryClient.invalidateQueries(trpc.entry.list.queryFilter({ ticketId }));
    void queryClient.invalidateQueries(trpc.ticket.get.queryFilter({ ticketId }));
  });

  useSocketEvent("lock:changed", ({ ticketId, lock }) => {
    queryClient.setQueriesData<TicketListItem[]>(trpc.ticket.list.queryFilter(), (rows) =>
      rows?.map((row) => (row.id === ticketId ? { ...row, lock } : row)),
    );
    queryClient.setQueryData(trpc.ticket.get.queryKey({ ticketId }), (ticket) => (ticket ? { ...ticket, lock } : ticket));
  });

  // Presence, like locks, is complete in the event: who has the ticket open right now.
  useSocketEvent("presence:changed", ({ ticketId, viewers }) => {
    queryClient.setQueriesData<TicketListItem[]>(trpc.ticket.list.queryFilter(), (rows) =>
      rows?.map((row) => (row.id === ticketId ? { ...row, viewers } : row)),
    );
    queryClient.setQueryData(trpc.ticket.get.queryKey({ ticketId }), (ticket) => (ticket ? { ...ticket, viewers } : ticket));
  });

  return null;
}
