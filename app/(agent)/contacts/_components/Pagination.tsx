"use client";

import { useI18n } from "@/app/_lib/i18n";

/** "Page 2 of 7" with previous and next buttons; nothing when everything fits on one page. */
export function Pagination({
  page, pageSize, total, onPage, label,
}: { page: number; pageSize: number; total: number; onPage: (page: number) => void; label: string }) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const button =
    "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50";
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-3 border-t border-slate-200 px-4 py-3">
      <button type="button" className={button} disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t("contacts.page.previous")}
      </button>
      <p className="text-sm text-slate-600" aria-current="page">
        {t("contacts.page.of", { page, pages })}
      </p>
      <button type="button" className={button} disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t("contacts.page.next")}
      </button>
    </nav>
  );
}
