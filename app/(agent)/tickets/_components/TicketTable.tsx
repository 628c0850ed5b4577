"use client";

import { useMemo, useRef } from "react";
import { useI18n } from "@/app/_lib/i18n";
import type { TicketListItem } from "@/app/_lib/api-types";
import { focusNeighbourRow, useShortcuts } from "../../_components/shortcuts";
import { TicketRow } from "./TicketRow";

export function TicketTable({ tickets, newIds }: { tickets: TicketListItem[]; newIds: ReadonlySet<number> }) {
  const { t } = useI18n();
  const body = useRef<HTMLTableSectionElement>(null);
  // j/k move the focus from row to row; Enter then follows the focused row's link.
  useShortcuts(useMemo(() => ({
    selectNext: () => focusNeighbourRow(body.current, 1),
    selectPrevious: () => focusNeighbourRow(body.current, -1),
  }), []));
  const th = "py-2 pr-3 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[760px] border-collapse">
        <caption className="sr-only">{t("tickets.title")}</caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            <th scope="col" className={`${th} w-24 pl-4`}>{t("tickets.col.number")}</th>
            <th scope="col" className={`${th} min-w-64`}>{t("tickets.col.title")}</th>
            <th scope="col" className={`${th} w-56`}>{t("tickets.col.customer")}</th>
            <th scope="col" className={`${th} w-32`}>{t("tickets.col.queue")}</th>
            <th scope="col" className={`${th} w-44`}>{t("tickets.col.status")}</th>
            <th scope="col" className={`${th} w-36`}>{t("tickets.col.lastActivity")}</th>
          </tr>
        </thead>
        <tbody ref={body} className="divide-y divide-slate-100">
          {tickets.map((ticket) => (
            <TicketRow key={ticket.id} ticket={ticket} isNew={newIds.has(ticket.id)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
