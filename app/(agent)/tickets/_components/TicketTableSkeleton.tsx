"use client";

import { useI18n } from "@/app/_lib/i18n";

export function TicketTableSkeleton({ rows = 6 }: { rows?: number }) {
  const { t } = useI18n();
  return (
    <div role="status" aria-label={t("common.loading")} className="divide-y divide-slate-100">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex animate-pulse items-center gap-4 px-4 py-4">
          <div className="h-3 w-12 rounded bg-slate-200" />
          <div className="h-3 flex-1 rounded bg-slate-200" />
          <div className="hidden h-3 w-32 rounded bg-slate-200 sm:block" />
          <div className="hidden h-3 w-20 rounded bg-slate-200 md:block" />
          <div className="h-3 w-24 rounded bg-slate-200" />
        </div>
      ))}
    </div>
  );
}
