"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { RelativeTime } from "@/app/_components/RelativeTime";
import { fileSize } from "@/app/_lib/format";
import { useI18n } from "@/app/_lib/i18n";
import type { QuarantineItem } from "@/app/_lib/api-types";
import { adminTable as s } from "./AdminSection";

export function QuarantineTable({ rows }: { rows: QuarantineItem[] }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.admin.quarantine.queryFilter());
  const retry = useMutation(
    trpc.admin.quarantineRetry.mutationOptions({
      onSuccess: (r) => {
        setNotice(
          r.status === "quarantined"
            ? t("admin.quarantine.stillQuarantined", { reason: r.reason ?? "" })
            : t("admin.quarantine.retried", { status: r.status, number: String(r.ticketNumber ?? "—") }),
        );
        void refresh();
      },
      onError: (e) => setNotice(e.message),
    }),
  );
  const discard = useMutation(trpc.admin.quarantineDiscard.mutationOptions({ onSuccess: () => void refresh() }));
  return (
    <div className={s.wrap}>
      {notice && (
        <p role="status" className="border-b border-slate-200 bg-sky-50 px-4 py-2 text-sm text-sky-900">
          {notice}
        </p>
      )}
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
              <td className={`${s.td} max-w-md break-words`}>{r.reason}</td>
              <td className={`${s.td} uppercase text-slate-600`}>{r.source}</td>
              <td className={`${s.td} break-all text-slate-600`}>{r.origin ?? "—"}</td>
              <td className={`${s.td} whitespace-nowrap text-right tabular-nums`}>{fileSize(Number(r.size), lang)}</td>
              <td className={`${s.td} whitespace-nowrap text-slate-600`}>
                <RelativeTime date={r.createdAt} />
              </td>
              <td className={`${s.td} whitespace-nowrap text-right`}>
                <button
                  type="button"
                  onClick={() => retry.mutate({ id: r.id })}
                  disabled={retry.isPending}
                  className="rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-50"
                >
                  {t("admin.quarantine.retry")}
                </button>{" "}
                <button
                  type="button"
                  onClick={() => window.confirm(t("admin.quarantine.discardConfirm")) && discard.mutate({ id: r.id })}
                  disabled={discard.isPending}
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
