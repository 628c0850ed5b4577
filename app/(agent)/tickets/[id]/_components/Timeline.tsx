"use client";

import { EmptyState } from "@/app/_components/StateMessages";
import { useI18n } from "@/app/_lib/i18n";
import type { Entry } from "@/app/_lib/api-types";
import { EntryItem } from "./EntryItem";

/**
 * The ticket's entries, oldest first (the server orders them). `highlightIds`: entries that
 * arrived while the user was writing (collision guard), marked and scrolled into view.
 */
export function Timeline({ entries, highlightIds = [] }: { entries: Entry[]; highlightIds?: number[] }) {
  const { t } = useI18n();
  if (entries.length === 0) return <EmptyState message={t("timeline.empty")} />;
  return (
    <ol className="space-y-3" data-testid="timeline">
      {entries.map((entry) => (
        <EntryItem key={entry.id} entry={entry} highlighted={highlightIds.includes(entry.id)} />
      ))}
    </ol>
  );
}
