"use client";

import { useId } from "react";
import { EmptyState } from "@/app/_components/StateMessages";
import { useI18n } from "@/app/_lib/i18n";
import type { Entry } from "@/app/_lib/api-types";
import { useMe } from "../../../_components/useMe";
import { EntryItem } from "./EntryItem";
import { applyTimelineView, entryKinds, useTimelineView } from "./useTimelineView";

/**
 * The ticket's entries, oldest or newest first and filtered by kind as the user chose (kept
 * in this browser). `highlightIds`: entries that arrived while the user was writing
 * (collision guard), marked and scrolled into view; they are shown whatever the filter says.
 */
export function Timeline({ entries, highlightIds = [] }: { entries: Entry[]; highlightIds?: number[] }) {
  const { t } = useI18n();
  const me = useMe();
  const id = useId();
  const [view, setView] = useTimelineView(me.userId);
  if (entries.length === 0) return <EmptyState message={t("timeline.empty")} />;
  const shown = applyTimelineView(entries, view, highlightIds);
  return (
    <div className="space-y-3">
      <div role="group" aria-label={t("timeline.view")} className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-600">
        <span className="inline-flex items-center gap-1.5">
          <label htmlFor={`${id}-order`}>{t("timeline.order")}</label>
          <select
            id={`${id}-order`}
            value={view.order}
            onChange={(e) => setView({ ...view, order: e.target.value === "newest" ? "newest" : "oldest" })}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700"
          >
            <option value="oldest">{t("timeline.oldestFirst")}</option>
            <option value="newest">{t("timeline.newestFirst")}</option>
          </select>
        </span>
        <fieldset className="inline-flex flex-wrap items-center gap-x-3 gap-y-1">
          <legend className="sr-only">{t("timeline.show")}</legend>
          <span aria-hidden="true">{t("timeline.show")}</span>
          {entryKinds.map((kind) => (
            <label key={kind} className="inline-flex items-center gap-1">
              <input
                type="checkbox"
                checked={!view.hidden.includes(kind)}
                onChange={(e) =>
                  setView({ ...view, hidden: e.target.checked ? view.hidden.filter((k) => k !== kind) : [...view.hidden, kind] })
                }
                className="h-3.5 w-3.5 rounded border-slate-300"
              />
              {t(`timeline.kind.${kind}`)}
            </label>
          ))}
        </fieldset>
      </div>
      {shown.length === 0 ? (
        <EmptyState message={t("timeline.allHidden")} />
      ) : (
        <ol className="space-y-3" data-testid="timeline" data-order={view.order}>
          {shown.map((entry) => (
            <EntryItem key={entry.id} entry={entry} highlighted={highlightIds.includes(entry.id)} />
          ))}
        </ol>
      )}
    </div>
  );
}
