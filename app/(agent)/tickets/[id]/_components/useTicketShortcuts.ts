"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import type { TicketDetail } from "@/app/_lib/api-types";
import { useTRPC } from "@/app/_lib/trpc";
import { neighbourTicket, pressShortcutButton, useShortcuts } from "../../../_components/shortcuts";

/** Waits (up to 2 s) for an element the next render brings, then focuses it. */
function focusWhenThere(selector: string) {
  const started = Date.now();
  const tick = () => {
    const el = document.querySelector<HTMLElement>(selector);
    if (el) el.focus();
    else if (Date.now() - started < 2000) requestAnimationFrame(tick);
  };
  tick();
}

/**
 * The ticket page's shortcuts (I7): r reply, c comment, a assign to me, o owner field,
 * j/k next and previous ticket of the list the agent came from.
 */
export function useTicketShortcuts(ticket: TicketDetail | undefined, myUserId: number) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const assign = useMutation(
    trpc.ticket.update.mutationOptions({
      onSettled: () => void queryClient.invalidateQueries(trpc.ticket.get.queryFilter({ ticketId: ticket?.id })),
    }),
  );
  const handlers = useMemo(() => {
    if (!ticket) return {};
    const go = (step: 1 | -1) => {
      const id = neighbourTicket(ticket.id, step);
      if (id) router.push(`/tickets/${id}`);
    };
    return {
      reply: () => void pressShortcutButton("reply"),
      comment: () => void pressShortcutButton("comment"),
      // Unowned: claim it (C10); someone else's: make it mine, unless a colleague is editing it.
      assignToMe: () => {
        if (pressShortcutButton("claim") || ticket.ownerId === myUserId || ticket.lock) return;
        assign.mutate({ ticketId: ticket.id, ownerId: myUserId });
      },
      focusOwner: () => {
        if (!document.getElementById("edit-owner")) pressShortcutButton("edit");
        focusWhenThere("#edit-owner");
      },
      nextTicket: () => go(1),
      previousTicket: () => go(-1),
    };
  }, [ticket, myUserId, router, assign]);
  useShortcuts(handlers);
}
