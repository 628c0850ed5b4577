"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, type KeyboardEvent } from "react";
import { useI18n } from "@/app/_lib/i18n";
import type { Queue, RouterOutputs, TicketListFilter } from "@/app/_lib/api-types";
import { useSocketEvent } from "@/app/_lib/socket";
import { useTRPC } from "@/app/_lib/trpc";

export const ticketFilters: TicketListFilter[] = ["open", "all", "closed"];
export const TICKET_PANEL_ID = "ticket-list-panel";

type StatusCount = RouterOutputs["status"]["counts"][number];
type QueueOption = RouterOutputs["queue"]["options"][number];

/** The state categories each tab shows (as the list query filters them). */
const categoriesOf: Record<TicketListFilter, readonly StatusCount["category"][]> = {
  open: ["new", "open", "pending"],
  all: ["new", "open", "pending", "solved", "closed"],
  closed: ["solved", "closed"],
};

interface Props {
  filter: TicketListFilter;
  queueId: number | undefined;
  queues: Queue[];
  onFilter: (filter: TicketListFilter) => void;
  onQueue: (queueId: number | undefined) => void;
}

const nameIn = (o: { name: string; nameDe: string | null }, lang: string) => (lang === "de" && o.nameDe ? o.nameDe : o.name);

/**
 * Open / All / Closed as tabs (arrow keys move between them) with their ticket counts, the
 * tickets per status of the chosen tab (B2), and an optional queue filter whose options
 * carry the queue's description as a hover hint (B1). Counts include only tickets the user
 * may read; they follow new and changed tickets live.
 */
export function TicketFilters({ filter, queueId, queues, onFilter, onQueue }: Props) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const options = useQuery(trpc.queue.options.queryOptions(undefined, { staleTime: 60_000 }));
  const counts = useQuery(trpc.status.counts.queryOptions({ queueId }));

  // A burst of ticket events causes one refetch of the counts.
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refetchCounts = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void queryClient.invalidateQueries(trpc.status.counts.queryFilter()), 300);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  useSocketEvent("ticket:created", () => refetchCounts());
  useSocketEvent("ticket:changed", () => refetchCounts());

  function onKeyDown(e: KeyboardEvent, index: number) {
    const delta = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = (index + delta + ticketFilters.length) % ticketFilters.length;
    onFilter(ticketFilters[next]);
    tabs.current[next]?.focus();
  }

  const rows = counts.data ?? [];
  const total = (f: TicketListFilter) => rows.filter((r) => categoriesOf[f].includes(r.category)).reduce((n, r) => n + r.count, 0);
  // Across queues, statuses of the same name and category are one entry.
  const perStatus: { key: string; name: string; colour: string | null; count: number }[] = [];
  for (const r of rows) {
    if (!categoriesOf[filter].includes(r.category)) continue;
    const name = nameIn(r, lang);
    const key = `${r.category}:${name}`;
    const entry = perStatus.find((e) => e.key === key);
    if (entry) entry.count += r.count;
    else perStatus.push({ key, name, colour: r.colour, count: r.count });
  }

  // The options come with names, group and description; the list from the parent is the fallback.
  const known: QueueOption[] = options.data ?? queues.map((q) => ({ id: q.id, name: q.name, nameDe: null, groupName: null, description: null }));
  const groups = [...new Set(known.map((q) => q.groupName ?? ""))];
  const selected = known.find((q) => q.id === queueId);
  const option = (q: QueueOption) => (
    <option key={q.id} value={q.id} title={q.description ?? undefined}>
      {nameIn(q, lang)}
    </option>
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div role="tablist" aria-label={t("tickets.filterLabel")} className="inline-flex rounded-lg bg-slate-200/70 p-1">
          {ticketFilters.map((f, i) => {
            const isSelected = f === filter;
            return (
              <button
                key={f}
                ref={(el) => {
                  tabs.current[i] = el;
                }}
                type="button"
                role="tab"
                id={`ticket-tab-${f}`}
                aria-selected={isSelected}
                aria-controls={TICKET_PANEL_ID}
                tabIndex={isSelected ? 0 : -1}
                onClick={() => onFilter(f)}
                onKeyDown={(e) => onKeyDown(e, i)}
                className={`flex items-center gap-1.5 rounded-md px-4 py-1.5 text-sm font-medium ${
                  isSelected ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"
                }`}
              >
                {t(`tickets.filter.${f}`)}
                {counts.data && (
                  <span
                    data-testid={`ticket-tab-count-${f}`}
                    className={`rounded-full px-1.5 text-xs tabular-nums ${isSelected ? "bg-blue-50 text-blue-800" : "bg-white/70 text-slate-600"}`}
                  >
                    {total(f)}
                  </span>
                )}
              </button>
            );
          })}
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          {t("tickets.queue")}
          <select
            value={queueId ?? ""}
            onChange={(e) => onQueue(e.target.value ? Number(e.target.value) : undefined)}
            title={selected?.description ?? undefined}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">{t("tickets.allQueues")}</option>
            {groups.length > 1 || groups[0]
              ? groups.map((g) =>
                  g ? (
                    <optgroup key={g} label={g}>
                      {known.filter((q) => q.groupName === g).map(option)}
                    </optgroup>
                  ) : (
                    known.filter((q) => !q.groupName).map(option)
                  ),
                )
              : known.map(option)}
          </select>
        </label>
      </div>
      {perStatus.length > 0 && (
        <ul aria-label={t("tickets.perStatus")} data-testid="status-counts" className="flex flex-wrap gap-1.5">
          {perStatus.map((s) => (
            <li
              key={s.key}
              className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs ${
                s.count ? "border-slate-200 bg-white text-slate-700" : "border-slate-100 bg-slate-50 text-slate-400"
              }`}
            >
              {s.colour && <span aria-hidden="true" className="h-2 w-2 rounded-full" style={{ backgroundColor: s.colour }} />}
              <span>{s.name}</span>
              <span className="font-semibold tabular-nums">{s.count}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
