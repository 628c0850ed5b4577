"use client";

import { useMutation } from "@tanstack/react-query";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import type { Entry } from "@/app/_lib/api-types";

const styles = {
  queued: "bg-slate-100 text-slate-700 ring-slate-200",
  sending: "bg-sky-100 text-sky-800 ring-sky-200",
  sent: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  failed: "bg-red-100 text-red-800 ring-red-200",
} as const;

/**
 * The outbox state of an agent message: queued, sending, sent or failed (with the error and
 * a "Send again" button). The new state arrives live when the worker has tried again.
 */
export function DeliveryStatus({
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
  const retry = useMutation(trpc.entry.retryDelivery.mutationOptions());
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5 text-xs">
      <span
        data-testid="delivery-status"
        data-status={status}
        className={`rounded-full px-2 py-0.5 font-medium ring-1 ${styles[status]}`}
      >
        <span className="sr-only">{t("entry.deliveryLabel")}: </span>
        {t(`entry.delivery.${status}`)}
      </span>
      {error && status !== "sent" && <span className="text-red-700">{error}</span>}
      {status === "failed" && outboxId !== null && (
        <button
          type="button"
          onClick={() => retry.mutate({ outboxId })}
          disabled={retry.isPending}
          className="rounded border border-red-300 bg-white px-2 py-0.5 font-medium text-red-800 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 disabled:opacity-50"
        >
          {t("entry.retryDelivery")}
        </button>
      )}
    </span>
  );
}
