"use client";

import { useSyncExternalStore } from "react";
import { useI18n } from "@/app/_lib/i18n";
import { dateTime, relativeTime } from "@/app/_lib/format";

// One shared 30-second clock for every relative time on the page.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function useNow(): number {
  return useSyncExternalStore(subscribe, () => now, () => 0);
}

/** "5 minutes ago", with the exact time as tooltip; updates itself. */
export function RelativeTime({ date, className }: { date: Date; className?: string }) {
  const { lang } = useI18n();
  const current = useNow();
  // Before hydration there is no clock: show the absolute time.
  const text = current === 0 ? dateTime(date, lang) : relativeTime(date, current, lang);
  return (
    <time dateTime={date.toISOString()} title={dateTime(date, lang)} className={className}>
      {text}
    </time>
  );
}
