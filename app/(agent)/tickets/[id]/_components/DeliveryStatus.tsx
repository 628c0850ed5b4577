"use client";

import { useI18n } from "@/app/_lib/i18n";
import type { Entry } from "@/app/_lib/api-types";

const styles = {
  queued: "bg-slate-100 text-slate-700 ring-slate-200",
  sending: "bg-sky-100 text-sky-800 ring-sky-200",
  sent: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  failed: "bg-red-100 text-red-800 ring-red-200",
} as const;

/** The outbox state of an agent message: queued, sending, sent or failed (with the error). */
export function DeliveryStatus({ status, error }: { status: NonNullable<Entry["outboxStatus"]>; error: string | null }) {
  const { t } = useI18n();
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
    </span>
  );
}
