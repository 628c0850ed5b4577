"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";

/** C10: "Take this ticket" on an unowned ticket; a colleague who was faster is named. */
export function ClaimButton({ ticketId }: { ticketId: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const claim = useMutation(
    trpc.ticket.claim.mutationOptions({
      onSettled: () => {
        void queryClient.invalidateQueries(trpc.ticket.get.queryFilter({ ticketId }));
        void queryClient.invalidateQueries(trpc.entry.list.queryFilter({ ticketId }));
      },
    }),
  );
  return (
    <div className="mt-1">
      <button
        type="button"
        onClick={() => claim.mutate({ ticketId })}
        disabled={claim.isPending}
        data-shortcut="claim"
        aria-keyshortcuts="a"
        className="rounded-md bg-blue-600 px-2.5 py-1 text-xs font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60"
        data-testid="claim-ticket"
      >
        {claim.isPending ? t("claim.claiming") : t("claim.button")}
      </button>
      {claim.isError && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {errorMessage(claim.error, t("common.error"))}
        </p>
      )}
      {claim.data?.notifiedCustomer && (
        <p role="status" className="mt-1 text-xs text-slate-600">
          {t("claim.customerTold")}
        </p>
      )}
    </div>
  );
}
