"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { LoadingLine } from "@/app/_components/StateMessages";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { localName } from "@/app/_lib/local-name";
import { useTRPC } from "@/app/_lib/trpc";
import type { RouterOutputs } from "@/app/_lib/api-types";

export type PickedTicket = RouterOutputs["ticketStructure"]["search"][number];

/** Finds a ticket by number or title among those the user may read (not this one, not merged ones). */
export function TicketPicker({ ticketId, onPick }: { ticketId: number; onPick: (t: PickedTicket) => void }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  // Typing is debounced: one search per pause, not per key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const results = useQuery(trpc.ticketStructure.search.queryOptions({ ticketId, query }, { enabled: query.length > 0 }));

  return (
    <div className="space-y-2">
      <label htmlFor={`${id}-q`} className="block text-sm font-medium text-slate-700">
        {t("structure.search")}
      </label>
      <input
        id={`${id}-q`}
        type="search"
        autoComplete="off"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={`${id}-hint`}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {t("structure.searchHint")}
      </p>
      {query.length > 0 &&
        (results.isPending ? (
          <LoadingLine />
        ) : results.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {t("structure.error", { message: errorMessage(results.error, t("common.error")) })}
          </p>
        ) : results.data.length === 0 ? (
          <p className="text-sm text-slate-500">{t("structure.searchEmpty")}</p>
        ) : (
          <ul aria-label={t("structure.results")} className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
            {results.data.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  onClick={() => onPick(r)}
                  className="flex w-full items-baseline gap-2 px-3 py-2 text-left text-sm hover:bg-blue-50 focus:bg-blue-50 focus:outline-none"
                >
                  <span className="font-mono text-slate-500">#{r.number}</span>
                  <span className="min-w-0 flex-1 truncate text-slate-900">{r.title}</span>
                  <span className="shrink-0 text-xs text-slate-500">{localName({ name: r.statusName, nameDe: r.statusNameDe }, lang)}</span>
                </button>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
