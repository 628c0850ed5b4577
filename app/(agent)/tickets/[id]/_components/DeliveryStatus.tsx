"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import type { Entry } from "@/app/_lib/api-types";

const styles = {
  queued: "bg-slate-100 text-slate-700 ring-slate-200",
  sending: "bg-sky-100 text-sky-800 ring-sky-200",
  sent: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  failed: "bg-red-100 text-red-800 ring-red-200",
} as const;

/** The outbox state of an agent message as a small badge: queued, sending, sent or failed. */
export function DeliveryStatus({ status }: { status: NonNullable<Entry["outboxStatus"]> }) {
  const { t } = useI18n();
  return (
    <span
      data-testid="delivery-status"
      data-status={status}
      className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${styles[status]}`}
    >
      <span className="sr-only">{t("entry.deliveryLabel")}: </span>
      {t(`entry.delivery.${status}`)}
    </span>
  );
}

/**
 * Why a message has not gone out yet, below its header: the server's answer and, once it has
 * failed for good, "Send again". The new state arrives live when the worker has tried again.
 */
export function DeliveryProblem({
  outboxId,
  status,
  error,
}: {
  outboxId: number | null;
  status: NonNullable<Entry["outboxStatus"]>;
  error: string | null;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // "Queued" shows at once; "sent" (or the next error) arrives live when the worker is done.
  const retry = useMutation(
    trpc.entry.retryDelivery.mutationOptions({ onSettled: () => queryClient.invalidateQueries(trpc.entry.list.queryFilter()) }),
  );
  const canRetry = status === "failed" && outboxId !== null;
  if (status === "sent" || (!error && !canRetry && !retry.isError)) return null;
  return (
    <div
      data-testid="delivery-problem"
      className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800"
    >
      {error && <span className="min-w-0 flex-1 break-words">{error}</span>}
      {canRetry && (
        <button
          type="button"
          onClick={() => retry.mutate({ outboxId })}
          disabled={retry.isPending}
          className="rounded border border-red-300 bg-white px-2 py-0.5 font-medium text-red-800 hover:bg-red-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 disabled:opacity-50"
        >
          {t("entry.retryDelivery")}
        </button>
      )}
      {retry.isError && (
        <span role="alert" className="basis-full">
          {t("entry.retryFailed", { message: errorMessage(retry.error, t("common.error")) })}
        </span>
      )}
    </div>
  );
}
