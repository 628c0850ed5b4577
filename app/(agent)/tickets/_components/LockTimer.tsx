"use client";

import { ClockIcon } from "@/app/_components/icons";
import { duration } from "@/app/_lib/format";
import { useI18n } from "@/app/_lib/i18n";
import { useNow } from "@/app/_lib/useNow";
import type { TicketLock } from "@/app/_lib/api-types";

/** How long the lock holder's timer has counted, from what the server relayed (no per-second events). */
export function lockTimerElapsed(lock: TicketLock, now: number): number {
  const { accumulatedMs, runningSince } = lock.timer;
  return accumulatedMs + (runningSince ? Math.max(0, now - Date.parse(runningSince)) : 0);
}

/**
 * A colleague's running editor timer, "Ada · 03:12" (E5), ticking locally. Shown for the
 * reply and comment editors; `compact` leaves out the name (the row's lock badge has it).
 */
export function LockTimer({ lock, compact = false }: { lock: TicketLock; compact?: boolean }) {
  const { t } = useI18n();
  const running = lock.timer.runningSince !== null;
  const now = useNow(1000, running);
  if (lock.kind === "edit") return null;
  const time = duration(lockTimerElapsed(lock, now));
  return (
    <span
      data-testid="lock-timer"
      data-running={running ? "true" : "false"}
      title={t("timer.colleagueTitle", { name: lock.userName })}
      className="inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-white/70 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-200"
    >
      <ClockIcon className="h-3.5 w-3.5 shrink-0" />
      {/* role=timer: not announced on every tick. */}
      <span role="timer" className="tabular-nums">
        {compact ? time : t("timer.colleague", { name: lock.userName, time })}
      </span>
      {!running && <span className="font-normal">({t("timer.paused")})</span>}
    </span>
  );
}
