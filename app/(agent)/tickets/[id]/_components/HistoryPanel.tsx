"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { RelativeTime } from "@/app/_components/RelativeTime";
import { EmptyState, ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { useI18n, type MessageKey } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import en from "@/messages/en.json";
import { useChangeValue } from "./useChangeText";

/** A history field's name: the timeline's wording when it has one (history.field.*), else ours (structure.field.*). */
function fieldKey(field: string): MessageKey | null {
  for (const key of [`history.field.${field}`, `structure.field.${field}`]) if (key in en) return key as MessageKey;
  return null;
}

/** C8: every recorded change of the ticket, newest first; "Status only" shows the status history. */
export function HistoryPanel({ ticketId }: { ticketId: number }) {
  const { t } = useI18n();
  const value = useChangeValue();
  const trpc = useTRPC();
  const id = useId();
  const [statusOnly, setStatusOnly] = useState(false);
  const history = useQuery(trpc.ticketStructure.history.queryOptions({ ticketId, statusOnly }));

  return (
    <section id="ticket-history" aria-labelledby={`${id}-h`} data-testid="history-panel" className="mt-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-h`} className="text-base font-semibold">
          {t("structure.historyTitle")}
        </h2>
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={statusOnly} onChange={(e) => setStatusOnly(e.target.checked)} className="h-4 w-4 rounded border-slate-300" />
          {t("structure.historyStatusOnly")}
        </label>
      </div>
      {history.isPending ? (
        <LoadingLine />
      ) : history.isError ? (
        <ErrorState message={t("structure.historyLoadError")} onRetry={() => history.refetch()} />
      ) : history.data.length === 0 ? (
        <EmptyState message={t("structure.historyEmpty")} bare />
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3 font-semibold">{t("structure.historyWhen")}</th>
                <th scope="col" className="py-1 pr-3 font-semibold">{t("structure.historyWho")}</th>
                <th scope="col" className="py-1 pr-3 font-semibold">{t("structure.historyField")}</th>
                <th scope="col" className="py-1 font-semibold">{t("structure.historyChange")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {history.data.map((h) => {
                const key = fieldKey(h.field);
                return (
                  <tr key={h.id} data-testid="history-row">
                    <td className="whitespace-nowrap py-1.5 pr-3 text-slate-600">
                      <RelativeTime date={h.createdAt} />
                    </td>
                    <td className="py-1.5 pr-3">{h.actorName ?? t("structure.historySystem")}</td>
                    <td className="py-1.5 pr-3">{key ? t(key) : h.field}</td>
                    <td className="py-1.5 text-slate-800">
                      {value(h.field, h.oldValue)} → {value(h.field, h.newValue)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
