"use client";

import { useI18n } from "@/app/_lib/i18n";
import { useSocketStatus } from "@/app/_lib/socket";

/** A small pill while the live connection is down; the live region announces it. */
export function ConnectionIndicator() {
  const { reconnecting } = useSocketStatus();
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed bottom-4 left-4 z-50">
      {reconnecting && (
        <span
          data-testid="reconnecting"
          className="inline-flex items-center gap-2 rounded-full bg-slate-900 px-3 py-1.5 text-sm text-white shadow-lg"
        >
          <span className="h-2 w-2 animate-pulse rounded-full bg-amber-400" aria-hidden="true" />
          {t("conn.reconnecting")}
        </span>
      )}
    </div>
  );
}
