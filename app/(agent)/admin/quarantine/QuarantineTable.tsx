"use client";

import { RelativeTime } from "@/app/_components/RelativeTime";
import { fileSize } from "@/app/_lib/format";
import { useI18n } from "@/app/_lib/i18n";
import type { QuarantineItem } from "@/app/_lib/api-types";
import { adminTable as s } from "../_components/AdminSection";

/** One row per quarantined mail: why, where from, how big, when; Retry and Discard. */
export function QuarantineTable({
  rows,
  busyId,
  onRetry,
  onDiscard,
}: {
  rows: QuarantineItem[];
  /** The row an action is running for; its buttons wait. */
  busyId: number | undefined;
  onRetry: (id: number) => void;
  onDiscard: (id: number) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <div className={s.wrap}>
      <table className={s.table} data-testid="quarantine-table">
        <thead>
          <tr>
            <th scope="col" className={s.th}>{t("admin.col.reason")}</th>
            <th scope="col" className={s.th}>{t("admin.col.source")}</th>
            <th scope="col" className={s.th}>{t("admin.col.origin")}</th>
            <th scope="col" className={`${s.th} text-right`}>{t("admin.col.size")}</th>
            <th scope="col" className={s.th}>{t("admin.col.time")}</th>
            <th scope="col" className={s.th}>
              <span className="sr-only">{t("admin.col.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="quarantine-row">
              <td className={`${s.td} max-w-md break-words`} data-testid="quarantine-reason">{r.reason}</td>
              <td className={`${s.td} uppercase text-slate-600`}>{r.source}</td>
              <td className={`${s.td} break-all text-slate-600`}>{r.origin ?? "—"}</td>
              <td className={`${s.td} whitespace-nowrap text-right tabular-nums`}>{fileSize(Number(r.size), lang)}</td>
              <td className={`${s.td} whitespace-nowrap text-slate-600`}>
                <RelativeTime date={r.createdAt} />
              </td>
              <td className={`${s.td} whitespace-nowrap text-right`}>
                <button
                  type="button"
                  onClick={() => onRetry(r.id)}
                  disabled={busyId === r.id}
                  className="rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-50"
                >
                  {t("admin.quarantine.retry")}
                </button>{" "}
                <button
                  type="button"
                  onClick={() => onDiscard(r.id)}
                  disabled={busyId === r.id}
                  className="rounded border border-red-300 bg-white px-2 py-1 text-xs font-medium text-red-800 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 disabled:opacity-50"
                >
                  {t("admin.quarantine.discard")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
