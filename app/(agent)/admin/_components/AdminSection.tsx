"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { EmptyState, ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { useI18n } from "@/app/_lib/i18n";

/** A titled admin list with its loading, error and empty states. */
export function AdminSection<T>({
  id,
  title,
  intro,
  query,
  empty,
  children,
}: {
  id: string;
  /** Omitted when the page heading already names the list. */
  title?: string;
  intro?: string;
  query: UseQueryResult<T[], unknown>;
  empty: string;
  children: (rows: T[]) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={title ? id : undefined} className="space-y-3">
      {(title || intro) && (
        <div>
          {title && (
            <h2 id={id} className="text-lg font-semibold">
              {title}
            </h2>
          )}
          {intro && <p className="text-sm text-slate-600">{intro}</p>}
        </div>
      )}
      {query.isPending ? (
        <LoadingLine />
      ) : query.isError ? (
        <ErrorState message={t("admin.loadError")} onRetry={() => query.refetch()} />
      ) : query.data.length === 0 ? (
        <EmptyState message={empty} />
      ) : (
        children(query.data)
      )}
    </section>
  );
}

export const adminTable = {
  wrap: "overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm",
  table: "w-full min-w-[720px] border-collapse text-sm",
  th: "border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500",
  td: "border-b border-slate-100 px-3 py-2 align-top",
};
