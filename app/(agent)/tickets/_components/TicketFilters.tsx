"use client";

import { useRef, type KeyboardEvent } from "react";
import { useI18n } from "@/app/_lib/i18n";
import type { Queue, TicketListFilter } from "@/app/_lib/api-types";

export const ticketFilters: TicketListFilter[] = ["open", "all", "closed"];
export const TICKET_PANEL_ID = "ticket-list-panel";

interface Props {
  filter: TicketListFilter;
  queueId: number | undefined;
  queues: Queue[];
  onFilter: (filter: TicketListFilter) => void;
  onQueue: (queueId: number | undefined) => void;
}

/** Open / All / Closed as tabs (arrow keys move between them) and an optional queue filter. */
export function TicketFilters({ filter, queueId, queues, onFilter, onQueue }: Props) {
  const { t } = useI18n();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(e: KeyboardEvent, index: number) {
    const delta = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = (index + delta + ticketFilters.length) % ticketFilters.length;
    onFilter(ticketFilters[next]);
    tabs.current[next]?.focus();
  }

  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div role="tablist" aria-label={t("tickets.filterLabel")} className="inline-flex rounded-lg bg-slate-200/70 p-1">
        {ticketFilters.map((f, i) => {
          const selected = f === filter;
          return (
            <button
              key={f}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`ticket-tab-${f}`}
              aria-selected={selected}
              aria-controls={TICKET_PANEL_ID}
              tabIndex={selected ? 0 : -1}
              onClick={() => onFilter(f)}
              onKeyDown={(e) => onKeyDown(e, i)}
              className={`rounded-md px-4 py-1.5 text-sm font-medium ${
                selected ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"
              }`}
            >
              {t(`tickets.filter.${f}`)}
            </button>
          );
        })}
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        {t("tickets.queue")}
        <select
          value={queueId ?? ""}
          onChange={(e) => onQueue(e.target.value ? Number(e.target.value) : undefined)}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          <option value="">{t("tickets.allQueues")}</option>
          {queues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
