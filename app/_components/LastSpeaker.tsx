"use client";

import { RelativeTime } from "@/app/_components/RelativeTime";
import { useI18n } from "@/app/_lib/i18n";

/**
 * Who spoke last in a ticket and since when, as lists show it (issue 12.1); a ticket without
 * any message yet shows only the time of its last entry.
 */
export function LastSpeaker({ speaker, since, fallback }: { speaker: "customer" | "agent" | null; since: Date | null; fallback: Date }) {
  const { t } = useI18n();
  if (!speaker || !since) return <RelativeTime date={fallback} />;
  return (
    <span data-testid="last-speaker" data-speaker={speaker} className={speaker === "customer" ? "font-medium text-amber-700" : undefined}>
      {t(speaker === "customer" ? "tickets.lastSpeaker.customer" : "tickets.lastSpeaker.agent")} <RelativeTime date={since} />
    </span>
  );
}
