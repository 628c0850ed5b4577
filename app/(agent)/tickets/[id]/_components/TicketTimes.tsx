"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import type { RouterOutputs } from "@/app/_lib/api-types";
import { errorMessage } from "@/app/_lib/errors";
import { dateTime, euros } from "@/app/_lib/format";
import { useI18n, type MessageKey } from "@/app/_lib/i18n";
import { useSocketEvent } from "@/app/_lib/socket";
import { useTRPC, useTRPCClient } from "@/app/_lib/trpc";
import { formatMinutes } from "@/lib/time-amounts";
import { TimeEntryForm } from "./TimeEntryForm";

export type TimeEntryRow = RouterOutputs["timeEntry"]["list"]["entries"][number];

const button = "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50";

/**
 * The ticket's "Times" (F1–F3): who booked how long for what, totals, and a form to book
 * time. Colleagues' bookings arrive live: every change is announced as ticket:changed.
 */
export function TicketTimes({ ticketId }: { ticketId: number }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const times = useQuery(trpc.timeEntry.list.queryOptions({ ticketId }));
  const [editing, setEditing] = useState<null | "new" | TimeEntryRow>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.timeEntry.list.queryFilter({ ticketId }));
  // A reply saved with the editor timer books time too (entry:created comes with ticket:changed).
  useSocketEvent("ticket:changed", (e) => void (e.ticketId === ticketId && refresh()));

  return (
    <section aria-labelledby="times-heading" data-testid="ticket-times" className="mt-6 space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="times-heading" className="text-sm font-semibold text-slate-800">
          {t("times.title")}
        </h2>
        {times.data?.mayBook && editing !== "new" && (
          <button type="button" className={button} onClick={() => setEditing("new")}>
            {t("times.book")}
          </button>
        )}
      </div>
      {times.isPending ? (
        <LoadingLine />
      ) : times.isError ? (
        <ErrorState message={t("times.loadError")} onRetry={() => times.refetch()} />
      ) : (
        <>
          <Totals totals={times.data.totals} lang={lang} />
          {editing !== null && (
            <TimeEntryForm
              key={editing === "new" ? "new" : editing.id}
              ticketId={ticketId}
              entry={editing === "new" ? null : editing}
              billableDefault={times.data.billableDefault}
              onDone={() => {
                setEditing(null);
                void refresh();
              }}
            />
          )}
          {times.data.entries.length === 0 ? (
            <p className="text-sm text-slate-500">{t("times.empty")}</p>
          ) : (
            <EntryTable entries={times.data.entries} onEdit={setEditing} onChanged={refresh} />
          )}
        </>
      )}
    </section>
  );
}

function Totals({ totals, lang }: { totals: RouterOutputs["timeEntry"]["list"]["totals"]; lang: string }) {
  const { t } = useI18n();
  const items: [string, string, string][] = [
    ["total", t("times.total"), formatMinutes(totals.minutes)],
    ["billable", t("times.totalBillable"), formatMinutes(totals.billableMinutes)],
    ["amount", t("times.totalAmount"), euros(totals.amountCents, lang)],
  ];
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="time-totals">
      {items.map(([key, label, value]) => (
        <div key={key} className="flex gap-1.5" data-testid={`time-total-${key}`}>
          <dt className="text-slate-500">{label}</dt>
          <dd className="font-semibold tabular-nums text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function EntryTable({ entries, onEdit, onChanged }: { entries: TimeEntryRow[]; onEdit: (e: TimeEntryRow) => void; onChanged: () => unknown }) {
  const { t, lang } = useI18n();
  const client = useTRPCClient();
  const [confirming, setConfirming] = useState<number | null>(null);
  const remove = useMutation({
    mutationFn: (id: number) => client.timeEntry.delete.mutate({ id }),
    onSettled: () => {
      setConfirming(null);
      return onChanged();
    },
  });
  const th = "border-b border-slate-200 px-2 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
  const td = "border-b border-slate-100 px-2 py-1.5 align-top";
  return (
    <div className="overflow-x-auto">
      {remove.isError && (
        <p role="alert" className="mb-2 text-sm text-red-700">
          {errorMessage(remove.error, t("common.error"))}
        </p>
      )}
      <table className="w-full text-sm" aria-label={t("times.title")}>
        <thead>
          <tr>
            <th scope="col" className={th}>{t("times.col.date")}</th>
            <th scope="col" className={th}>{t("times.col.agent")}</th>
            <th scope="col" className={`${th} text-right`}>{t("times.col.time")}</th>
            <th scope="col" className={th}>{t("times.col.service")}</th>
            <th scope="col" className={th}>{t("times.col.billable")}</th>
            <th scope="col" className={th}>{t("times.col.rate")}</th>
            <th scope="col" className={`${th} text-right`}>{t("times.col.amount")}</th>
            <th scope="col" className={th}><span className="sr-only">{t("times.col.tools")}</span></th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="time-entry">
              <td className={`${td} whitespace-nowrap text-slate-600`}>{dateTime(new Date(e.workedAt), lang)}</td>
              <td className={td}>
                {e.userName}
                {e.note && <span className="block text-xs text-slate-500">{e.note}</span>}
              </td>
              <td className={`${td} text-right font-medium tabular-nums`}>{formatMinutes(e.minutes)}</td>
              <td className={td}>{t(`times.service.${e.serviceType}` as MessageKey)}</td>
              <td className={td}>{e.billable ? t("times.yes") : t("times.no")}</td>
              <td className={`${td} text-slate-600`}>
                {e.centsPerHour === null ? "—" : `${e.rateName ?? t("times.deletedRate")} (${euros(e.centsPerHour, lang)})`}
              </td>
              <td className={`${td} text-right tabular-nums`}>{e.billable && e.centsPerHour !== null ? euros(e.amountCents, lang) : "—"}</td>
              <td className={`${td} whitespace-nowrap text-right`}>
                {e.mayEdit &&
                  (confirming === e.id ? (
                    <span className="inline-flex items-center gap-1" role="group" aria-label={t("times.deleteConfirm")}>
                      <span className="text-xs text-red-800">{t("times.deleteConfirm")}</span>
                      <button type="button" className={`${button} text-red-700`} disabled={remove.isPending} onClick={() => remove.mutate(e.id)}>
                        {t("times.delete")}
                      </button>
                      <button type="button" className={button} onClick={() => setConfirming(null)}>
                        {t("times.cancel")}
                      </button>
                    </span>
                  ) : (
                    <span className="inline-flex gap-1">
                      <button type="button" className={button} onClick={() => onEdit(e)} aria-label={t("times.editLabel", { time: formatMinutes(e.minutes), name: e.userName })}>
                        {t("times.edit")}
                      </button>
                      <button type="button" className={`${button} text-red-700`} onClick={() => setConfirming(e.id)} aria-label={t("times.deleteLabel", { time: formatMinutes(e.minutes), name: e.userName })}>
                        {t("times.delete")}
                      </button>
                    </span>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
