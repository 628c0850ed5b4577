"use client";

import { RelativeTime } from "@/app/_components/RelativeTime";
import { fileSize } from "@/app/_lib/format";
import { useI18n } from "@/app/_lib/i18n";
import type { QuarantineItem } from "@/app/_lib/api-types";
import { adminTable as s } from "./AdminSection";

export function QuarantineTable({ rows }: { rows: QuarantineItem[] }) {
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
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="quarantine-row">
              <td className={`${s.td} max-w-md break-words`}>{r.reason}</td>
              <td className={`${s.td} uppercase text-slate-600`}>{r.source}</td>
              <td className={`${s.td} break-all text-slate-600`}>{r.origin ?? "—"}</td>
              <td className={`${s.td} whitespace-nowrap text-right tabular-nums`}>{fileSize(Number(r.size), lang)}</td>
              <td className={`${s.td} whitespace-nowrap text-slate-600`}>
                <RelativeTime date={r.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
