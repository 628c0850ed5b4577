"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSocketEvent } from "@/app/_lib/socket";
import { useTRPC } from "@/app/_lib/trpc";
import type { RouterOutputs } from "@/app/_lib/api-types";

export type TicketStructure = RouterOutputs["ticketStructure"]["get"];

/**
 * The ticket's parent, children, merge target and allowed actions, kept live: a change to
 * this ticket or to any ticket shown beside it (a child's new status, say) refetches it.
 */
export function useTicketStructure(ticketId: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const structure = useQuery(trpc.ticketStructure.get.queryOptions({ ticketId }));
  const related = new Set([ticketId, structure.data?.parent?.id, ...(structure.data?.children.map((c) => c.id) ?? [])]);
  const refetch = ({ ticketId: changed }: { ticketId: number }) => {
    if (!related.has(changed)) return;
    void queryClient.invalidateQueries(trpc.ticketStructure.get.queryFilter({ ticketId }));
    if (changed === ticketId) void queryClient.invalidateQueries(trpc.ticketStructure.history.queryFilter());
  };
  useSocketEvent("ticket:changed", refetch);
  useSocketEvent("entry:created", refetch);
  return structure;
}

/** After a structure change: this screen's structure, timeline, history, and the lists. */
export function useStructureRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries(trpc.ticketStructure.get.queryFilter());
    void queryClient.invalidateQueries(trpc.ticketStructure.history.queryFilter());
    void queryClient.invalidateQueries(trpc.entry.list.queryFilter());
    void queryClient.invalidateQueries(trpc.ticket.get.queryFilter());
    void queryClient.invalidateQueries(trpc.ticket.list.queryFilter());
  };
}
