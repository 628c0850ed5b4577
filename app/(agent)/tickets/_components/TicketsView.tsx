"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { EmptyState, ErrorState } from "@/app/_components/StateMessages";
import type { TicketListFilter } from "@/app/_lib/api-types";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { TICKET_PANEL_ID, TicketFilters, ticketFilters } from "./TicketFilters";
import { TicketTable } from "./TicketTable";
import { TicketTableSkeleton } from "./TicketTableSkeleton";
import { useNewTicketHighlights } from "./useNewTicketHighlights";
import { rememberTicketOrder } from "../../_components/shortcuts";

function parseFilter(value: string | null): TicketListFilter {
  return ticketFilters.find((f) => f === value) ?? "open";
}

function parseId(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The ticket list; filter and queue live in the URL, so reloads and links keep them. */
export function TicketsView() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filter = parseFilter(params.get("filter"));
  const queueId = parseId(params.get("queue"));

  const queues = useQuery(trpc.ticket.queues.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const list = useQuery(trpc.ticket.list.queryOptions({ filter, queueId }));
  const newIds = useNewTicketHighlights();
  // j/k on a ticket page walk this list in this order (I7).
  useEffect(() => {
    if (list.data) rememberTicketOrder(list.data.map((r) => r.id));
  }, [list.data]);

  // Screen readers hear about tickets that arrive while the page is open.
  const [announcement, setAnnouncement] = useState("");
  const announced = useRef(new Set<number>());
  useEffect(() => {
    const arrived = (list.data ?? []).filter((r) => newIds.has(r.id) && !announced.current.has(r.id));
    if (arrived.length === 0) return;
    arrived.forEach((r) => announced.current.add(r.id));
    setAnnouncement(arrived.map((r) => t("tickets.announceNew", { number: r.number, title: r.title })).join(". "));
  }, [list.data, newIds, t]);

  function update(next: { filter?: TicketListFilter; queueId?: number | null }) {
    const sp = new URLSearchParams(params.toString());
    if (next.filter) {
      if (next.filter === "open") sp.delete("filter");
      else sp.set("filter", next.filter);
    }
    if (next.queueId !== undefined) {
      if (next.queueId === null) sp.delete("queue");
      else sp.set("queue", String(next.queueId));
    }
    const qs = sp.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }

  return (
    <div className="space-y-4">
      <div className="flex items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">{t("tickets.title")}</h1>
        {list.data && (
          <p className="text-sm text-slate-500">
            {list.data.length === 1 ? t("tickets.countOne") : t("tickets.count", { count: list.data.length })}
          </p>
        )}
      </div>
      <TicketFilters
        filter={filter}
        queueId={queueId}
        queues={queues.data ?? []}
        onFilter={(f) => update({ filter: f })}
        onQueue={(q) => update({ queueId: q ?? null })}
      />
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <section
        id={TICKET_PANEL_ID}
        role="tabpanel"
        aria-labelledby={`ticket-tab-${filter}`}
        aria-busy={list.isFetching}
        className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
      >
        {list.isPending ? (
          <TicketTableSkeleton />
        ) : list.isError ? (
          <div className="p-4">
            <ErrorState message={t("tickets.loadError")} onRetry={() => list.refetch()} />
          </div>
        ) : list.data.length === 0 ? (
          <EmptyState bare message={t(`tickets.empty.${filter}`)} />
        ) : (
          <TicketTable tickets={list.data} newIds={newIds} />
        )}
      </section>
    </div>
  );
}
