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

  /**
   * Writes a lock or presence change into every cached list that shows the ticket, and into
   * the ticket itself. A list without the row is left alone, and one that was invalidated
   * (say, a new ticket arrived while it was off screen) stays so: the write must not make a
   * stale list look fresh, or it would not be refetched when it is shown again.
   */
  const patchTicket = (ticketId: number, patch: Pick<TicketListItem, "lock"> | Pick<TicketListItem, "viewers">) => {
    for (const [queryKey, rows] of queryClient.getQueriesData<TicketListItem[]>(trpc.ticket.list.queryFilter())) {
      if (!rows?.some((row) => row.id === ticketId)) continue;
      const wasInvalidated = queryClient.getQueryState(queryKey)?.isInvalidated;
      queryClient.setQueryData(queryKey, rows.map((row) => (row.id === ticketId ? { ...row, ...patch } : row)));
      if (wasInvalidated) void queryClient.invalidateQueries({ queryKey, exact: true, refetchType: "none" });
    }
    queryClient.setQueryData(trpc.ticket.get.queryKey({ ticketId }), (ticket) => (ticket ? { ...ticket, ...patch } : ticket));
  };

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

  useSocketEvent("lock:changed", ({ ticketId, lock }) => patchTicket(ticketId, { lock }));

  // Presence, like locks, is complete in the event: who has the ticket open right now. Two
  // agents opening a ticket at once may each compute the list before the other's row is
  // written, so an open ticket is also read again: the last word comes from the database.
  useSocketEvent("presence:changed", ({ ticketId, viewers }) => {
    patchTicket(ticketId, { viewers });
    void queryClient.invalidateQueries(trpc.ticket.get.queryFilter({ ticketId }));
  });

  return null;
}
