"use client";

import { RelativeTime } from "@/app/_components/RelativeTime";
import { useI18n } from "@/app/_lib/i18n";
import type { OutboxItem } from "@/app/_lib/api-types";
import { adminTable as s } from "./AdminSection";

const statusStyle = {
  queued: "bg-slate-100 text-slate-700",
  sending: "bg-sky-100 text-sky-800",
  sent: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
} as const;

export function OutboxTable({ rows }: { rows: OutboxItem[] }) {
  const { t } = useI18n();
  return (
    <div className={s.wrap}>
      <table className={s.table} data-testid="outbox-table">
        <thead>
          <tr>
            <th scope="col" className={s.th}>{t("admin.col.to")}</th>
            <th scope="col" className={s.th}>{t("admin.col.subject")}</th>
            <th scope="col" className={s.th}>{t("admin.col.status")}</th>
            <th scope="col" className={`${s.th} text-right`}>{t("admin.col.attempts")}</th>
            <th scope="col" className={s.th}>{t("admin.col.lastError")}</th>
            <th scope="col" className={s.th}>{t("admin.col.time")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="outbox-row" data-status={r.status}>
              <td className={`${s.td} break-all`}>{r.toEmails.join(", ")}</td>
              <td className={s.td}>{r.subject}</td>
              <td className={s.td}>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusStyle[r.status]}`}>
                  {t(`admin.outboxStatus.${r.status}`)}
                </span>
              </td>
              <td className={`${s.td} text-right tabular-nums`}>{r.attempts}</td>
              <td className={`${s.td} max-w-xs break-words text-red-700`}>{r.lastError ?? "—"}</td>
              <td className={`${s.td} whitespace-nowrap text-slate-600`}>
                <RelativeTime date={r.sentAt ?? r.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
