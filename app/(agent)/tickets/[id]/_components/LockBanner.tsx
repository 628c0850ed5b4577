"use client";

import { Avatar } from "@/app/_components/Avatar";
import { useI18n } from "@/app/_lib/i18n";
import type { TicketLock } from "@/app/_lib/api-types";
import { lockMessageKey } from "../../_components/LockBadge";
import { LockTimer } from "../../_components/LockTimer";

/**
 * Who else is writing on this ticket, with their running timer. The live region is always
 * there; the banner inside appears only while another agent holds the lock. The timer sits
 * outside the live region, so its ticking is not announced.
 */
export function LockBanner({ lock, myUserId, denied }: { lock: TicketLock | null; myUserId: number; denied: boolean }) {
  const { t } = useI18n();
  const other = lock && lock.userId !== myUserId ? lock : null;
  return (
    <div className="sticky top-2 z-10">
      <div
        data-testid={other ? "lock-banner" : undefined}
        className={
          other
            ? `mb-4 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border px-4 py-2.5 text-sm shadow-sm ${
                denied ? "border-amber-400 bg-amber-100 text-amber-950" : "border-amber-200 bg-amber-50 text-amber-900"
              }`
            : undefined
        }
      >
        {other && <Avatar name={other.userName} size="md" />}
        <span role="status" aria-live="polite" className="flex flex-wrap items-center gap-x-3">
          {other && <span className="font-medium">{t(lockMessageKey[other.kind], { name: other.userName })}</span>}
          {other && denied && <span className="text-amber-800">{t("lock.deniedHint")}</span>}
        </span>
        {other && (
          <span className="ml-auto">
            <LockTimer lock={other} />
          </span>
        )}
      </div>
    </div>
  );
}
