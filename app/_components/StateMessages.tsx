"use client";

import { useI18n } from "@/app/_lib/i18n";

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
      <p>{message}</p>
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="mt-2 rounded-md border border-red-300 bg-white px-3 py-1 font-medium text-red-800 hover:bg-red-100"
        >
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

/** `bare` inside a panel that already has a border. */
export function EmptyState({ message, bare = false }: { message: string; bare?: boolean }) {
  const frame = bare ? "" : "rounded-lg border border-dashed border-slate-300 bg-white";
  return <p className={`${frame} p-8 text-center text-slate-500`}>{message}</p>;
}

export function LoadingLine() {
  const { t } = useI18n();
  return (
    <p role="status" className="flex items-center gap-2 p-4 text-sm text-slate-500">
      <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-blue-600" aria-hidden="true" />
      {t("common.loading")}
    </p>
  );
}
