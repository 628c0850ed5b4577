"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";

export interface EntryOptionValues {
  isSolution: boolean;
  topicId: number | null;
}
export const noEntryOptions: EntryOptionValues = { isSolution: false, topicId: null };

/** "Mark as solution" (D1) and the entry's topic (D4), beside the text. */
export function EntryOptions({ value, onChange }: { value: EntryOptionValues; onChange: (v: EntryOptionValues) => void }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const topics = useQuery(trpc.entry.topics.queryOptions());
  const id = useId();
  return (
    <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <label className="inline-flex items-center gap-2 text-slate-800">
        <input
          type="checkbox"
          checked={value.isSolution}
          onChange={(e) => onChange({ ...value, isSolution: e.target.checked })}
          className="h-4 w-4 rounded border-slate-300"
        />
        {t("entryOptions.solution")}
      </label>
      {topics.data && topics.data.length > 0 && (
        <span className="inline-flex items-center gap-2">
          <label htmlFor={`${id}-topic`} className="text-slate-800">
            {t("entryOptions.topic")}
          </label>
          <select
            id={`${id}-topic`}
            value={value.topicId ?? ""}
            onChange={(e) => onChange({ ...value, topicId: e.target.value ? Number(e.target.value) : null })}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-700"
          >
            <option value="">{t("entryOptions.noTopic")}</option>
            {topics.data.map((o) => (
              <option key={o.id} value={o.id}>
                {lang === "de" && o.nameDe ? o.nameDe : o.name}
              </option>
            ))}
          </select>
        </span>
      )}
    </div>
  );
}
