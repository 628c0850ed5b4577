"use client";

import { useI18n } from "@/app/_lib/i18n";

/** The footer of a paged list: "show older …" while more pages exist. */
export function LoadMore({ query, label }: { query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown }; label: string }) {
  const { t } = useI18n();
  if (!query.hasNextPage) return null;
  return (
    <div className="border-t border-slate-200 p-3 text-center">
      <button
        type="button"
        onClick={() => query.fetchNextPage()}
        disabled={query.isFetchingNextPage}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
      >
        {query.isFetchingNextPage ? t("common.loading") : label}
      </button>
    </div>
  );
}
