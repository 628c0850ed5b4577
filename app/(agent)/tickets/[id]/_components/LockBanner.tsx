"use client";

import { Avatar } from "@/app/_components/Avatar";
import { useI18n } from "@/app/_lib/i18n";
import type { TicketLock } from "@/app/_lib/api-types";
import { lockMessageKey } from "../../_components/LockBadge";

/**
 * Who else is writing on this ticket. The live region is always there; the banner inside
 * appears only while another agent holds the lock.
 */
export function LockBanner({ lock, myUserId, denied }: { lock: TicketLock | null; myUserId: number; denied: boolean }) {
  const { t } = useI18n();
  const other = lock && lock.userId !== myUserId ? lock : null;
  return (
    <div role="status" aria-live="polite" className="sticky top-2 z-10">
      {other && (
        <div
          data-testid="lock-banner"
          className={`mb-4 flex items-center gap-3 rounded-lg border px-4 py-2.5 text-sm shadow-sm ${
            denied ? "border-amber-400 bg-amber-100 text-amber-950" : "border-amber-200 bg-amber-50 text-amber-900"
          }`}
        >
          <Avatar name={other.userName} size="md" />
          <span className="font-medium">{t(lockMessageKey[other.kind], { name: other.userName })}</span>
          {denied && <span className="text-amber-800">{t("lock.deniedHint")}</span>}
        </div>
      )}
    </div>
  );
}
