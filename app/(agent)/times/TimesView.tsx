"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Field } from "@/app/_components/Field";
import { EmptyState, ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import type { RouterOutputs } from "@/app/_lib/api-types";
import { dateInputValue, dateTime, euros, startOfDay } from "@/app/_lib/format";
import { useI18n, type MessageKey } from "@/app/_lib/i18n";
import { localName } from "@/app/_lib/local-name";
import { useTRPC } from "@/app/_lib/trpc";
import { formatMinutes } from "@/lib/time-amounts";

type Billable = "all" | "billable" | "notBillable";
interface Filters {
  from: string;
  to: string;
  userId: string;
  queueId: string;
  billable: Billable;
}

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm";

/** The browser's days as instants: from the start of `from` to the end of `to`. */
function toQuery(f: Filters) {
  const to = startOfDay(f.to);
  if (to) to.setDate(to.getDate() + 1);
  return {
    from: startOfDay(f.from),
    to,
    userId: f.userId ? Number(f.userId) : null,
    queueId: f.queueId ? Number(f.queueId) : null,
    billable: f.billable,
  };
}

/**
 * F3: times across tickets with filters (period, agent, queue, billable), totals, and the
 * same selection as CSV. Shows only entries on tickets the user may read.
 */
export function TimesView() {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const [filters, setFilters] = useState<Filters>(() => {
    const now = new Date();
    return { from: dateInputValue(new Date(now.getFullYear(), now.getMonth(), 1)), to: dateInputValue(now), userId: "", queueId: "", billable: "all" };
  });
  const options = useQuery(trpc.timeEntry.reportOptions.queryOptions());
  const queues = useQuery(trpc.queue.options.queryOptions());
  const query = toQuery(filters);
  const report = useQuery({ ...trpc.timeEntry.report.queryOptions(query), placeholderData: keepPreviousData });
  const set = (key: keyof Filters, value: string) => setFilters((f) => ({ ...f, [key]: value }));

  const csvParams = new URLSearchParams({ lang, tz: Intl.DateTimeFormat().resolvedOptions().timeZone, billable: query.billable });
  if (query.from) csvParams.set("from", query.from.toISOString());
  if (query.to) csvParams.set("to", query.to.toISOString());
  if (query.userId) csvParams.set("userId", String(query.userId));
  if (query.queueId) csvParams.set("queueId", String(query.queueId));

  if (options.data && !options.data.allowed) return <ErrorState message={t("timesReport.denied")} />;

  return (
    <div className="mx-auto max-w-7xl space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("timesReport.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("timesReport.intro")}</p>
      </div>
      <form noValidate
        role="search"
        aria-label={t("timesReport.filters")}
        onSubmit={(e) => e.preventDefault()}
        className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-6"
      >
        <Field id="times-from" label={t("timesReport.from")}>
          {(a) => <input {...a} type="date" value={filters.from} onChange={(e) => set("from", e.target.value)} className={input} />}
        </Field>
        <Field id="times-to" label={t("timesReport.to")}>
          {(a) => <input {...a} type="date" value={filters.to} onChange={(e) => set("to", e.target.value)} className={input} />}
        </Field>
        <Field id="times-agent" label={t("timesReport.agent")}>
          {(a) => (
            <select {...a} value={filters.userId} onChange={(e) => set("userId", e.target.value)} className={input}>
              <option value="">{t("timesReport.allAgents")}</option>
              {options.data?.agents.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="times-queue" label={t("timesReport.queue")}>
          {(a) => (
            <select {...a} value={filters.queueId} onChange={(e) => set("queueId", e.target.value)} className={input}>
              <option value="">{t("timesReport.allQueues")}</option>
              {queues.data?.map((q) => (
                <option key={q.id} value={q.id}>
                  {localName(q, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="times-billable" label={t("timesReport.billable")}>
          {(a) => (
            <select {...a} value={filters.billable} onChange={(e) => set("billable", e.target.value)} className={input}>
              {(["all", "billable", "notBillable"] as const).map((b) => (
                <option key={b} value={b}>
                  {t(`timesReport.billable.${b}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="flex items-end">
          <a
            href={`/api/times.csv?${csvParams.toString()}`}
            download
            className="inline-flex w-full justify-center rounded-md bg-blue-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700"
          >
            {t("timesReport.download")}
          </a>
        </div>
      </form>

      {report.isPending ? (
        <LoadingLine />
      ) : report.isError ? (
        <ErrorState message={t("timesReport.loadError")} onRetry={() => report.refetch()} />
      ) : (
        <>
          <dl className="flex flex-wrap gap-x-8 gap-y-1 text-sm" data-testid="report-totals" aria-live="polite">
            <div className="flex gap-1.5"><dt className="text-slate-500">{t("timesReport.entries")}</dt><dd className="font-semibold tabular-nums">{report.data.count}</dd></div>
            <div className="flex gap-1.5"><dt className="text-slate-500">{t("times.total")}</dt><dd className="font-semibold tabular-nums">{formatMinutes(report.data.totals.minutes)}</dd></div>
            <div className="flex gap-1.5"><dt className="text-slate-500">{t("times.totalBillable")}</dt><dd className="font-semibold tabular-nums">{formatMinutes(report.data.totals.billableMinutes)}</dd></div>
            <div className="flex gap-1.5"><dt className="text-slate-500">{t("times.totalAmount")}</dt><dd className="font-semibold tabular-nums">{euros(report.data.totals.amountCents, lang)}</dd></div>
          </dl>
          {report.data.rows.length === 0 ? (
            <EmptyState message={t("timesReport.empty")} />
          ) : (
            <ReportTable rows={report.data.rows} />
          )}
          {report.data.truncated && <p className="text-sm text-slate-600">{t("timesReport.truncated", { count: report.data.rows.length })}</p>}
        </>
      )}
    </div>
  );
}

function ReportTable({ rows }: { rows: RouterOutputs["timeEntry"]["report"]["rows"] }) {
  const { t, lang } = useI18n();
  const th = "border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
  const td = "border-b border-slate-100 px-3 py-2 align-top";
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full min-w-[900px] border-collapse text-sm" aria-label={t("timesReport.title")}>
        <thead>
          <tr>
            <th scope="col" className={th}>{t("times.col.date")}</th>
            <th scope="col" className={th}>{t("timesReport.ticket")}</th>
            <th scope="col" className={th}>{t("timesReport.queue")}</th>
            <th scope="col" className={th}>{t("times.col.agent")}</th>
            <th scope="col" className={`${th} text-right`}>{t("times.col.time")}</th>
            <th scope="col" className={th}>{t("times.col.service")}</th>
            <th scope="col" className={th}>{t("times.col.billable")}</th>
            <th scope="col" className={th}>{t("times.col.rate")}</th>
            <th scope="col" className={`${th} text-right`}>{t("times.col.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="report-row">
              <td className={`${td} whitespace-nowrap text-slate-600`}>{dateTime(new Date(r.workedAt), lang)}</td>
              <td className={td}>
                <Link href={`/tickets/${r.ticketId}`} className="text-blue-700 hover:underline">
                  <span className="font-mono text-xs">#{r.ticketNumber}</span> {r.ticketTitle}
                </Link>
                {r.note && <span className="block text-xs text-slate-500">{r.note}</span>}
              </td>
              <td className={td}>{r.queueName}</td>
              <td className={td}>{r.userName}</td>
              <td className={`${td} text-right font-medium tabular-nums`}>{formatMinutes(r.minutes)}</td>
              <td className={td}>{t(`times.service.${r.serviceType}` as MessageKey)}</td>
              <td className={td}>{r.billable ? t("times.yes") : t("times.no")}</td>
              <td className={`${td} text-slate-600`}>{r.centsPerHour === null ? "—" : `${r.rateName ?? t("times.deletedRate")} (${euros(r.centsPerHour, lang)})`}</td>
              <td className={`${td} text-right tabular-nums`}>{r.billable && r.centsPerHour !== null ? euros(r.amountCents, lang) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
