"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "@/app/_lib/errors";
import { localName } from "@/app/_lib/local-name";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import type { TicketDetail } from "@/app/_lib/api-types";

/** The ticket's status, chosen from its queue's statuses. */
export function StatusSelect({ ticket }: { ticket: TicketDetail }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queues = useQuery(trpc.ticket.queues.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const current = { id: ticket.statusId, name: ticket.statusName, nameDe: ticket.statusNameDe };
  const offered = queues.data?.find((q) => q.id === ticket.queueId)?.statuses ?? [];
  // The current status stays shown even when the user may not choose it (A7: hidden from their role).
  const statuses = offered.some((s) => s.id === ticket.statusId) ? offered : [current, ...offered];
  const setStatus = useMutation(
    trpc.ticket.setStatus.mutationOptions({
      onSettled: () => {
        void queryClient.invalidateQueries(trpc.ticket.get.queryFilter({ ticketId: ticket.id }));
        void queryClient.invalidateQueries(trpc.entry.list.queryFilter({ ticketId: ticket.id }));
        void queryClient.invalidateQueries(trpc.ticket.list.queryFilter());
      },
    }),
  );
  const value = setStatus.isPending ? setStatus.variables.statusId : ticket.statusId;

  return (
    <div>
      <label htmlFor="ticket-status" className="block text-xs font-semibold uppercase tracking-wide text-slate-500">
        {t("ticket.status")}
      </label>
      <select
        id="ticket-status"
        value={value}
        disabled={setStatus.isPending || !queues.data}
        onChange={(e) => setStatus.mutate({ ticketId: ticket.id, statusId: Number(e.target.value) })}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:opacity-70"
      >
        {statuses.map((s) => (
          <option key={s.id} value={s.id}>
            {localName(s, lang)}
          </option>
        ))}
      </select>
      {setStatus.isError && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {t("ticket.statusError", { message: errorMessage(setStatus.error, t("common.error")) })}
        </p>
      )}
    </div>
  );
}
