"use client";

import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { placeholderNames, type PlaceholderName } from "@/lib/placeholders";
import { placeholderLabel } from "./PlaceholderMenu";

/**
 * The text as the customer will get it, rendered by the server with this ticket's values
 * (D5). Empty and unknown placeholders are named before anything is sent.
 */
export function PlaceholderPreview({ ticketId, body }: { ticketId: number; body: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const preview = useQuery(trpc.entry.preview.queryOptions({ ticketId, body }, { placeholderData: (prev) => prev }));
  const names = (list: string[]) =>
    list.map((n) => ((placeholderNames as readonly string[]).includes(n) ? placeholderLabel(t, n as PlaceholderName) : `{{${n}}}`)).join(", ");
  return (
    <section
      data-testid="placeholder-preview"
      aria-label={t("preview.title")}
      aria-live="polite"
      className="mt-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm"
    >
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("preview.title")}</h3>
      {preview.isPending ? (
        <p className="mt-1 text-slate-500">{t("preview.loading")}</p>
      ) : preview.isError ? (
        <p role="alert" className="mt-1 text-red-700">{t("preview.error")}</p>
      ) : (
        <>
          <div data-testid="preview-text" className="mt-1 whitespace-pre-wrap break-words text-slate-900">
            {preview.data.text}
          </div>
          <ul className="mt-2 space-y-1 text-xs">
            {preview.data.empty.length > 0 && (
              <li data-testid="preview-empty" className="rounded bg-amber-100 px-2 py-1 text-amber-950">
                {t("preview.empty", { names: names(preview.data.empty) })}
              </li>
            )}
            {preview.data.unknown.length > 0 && (
              <li data-testid="preview-unknown" className="rounded bg-red-100 px-2 py-1 text-red-900">
                {t("preview.unknown", { names: names(preview.data.unknown) })}
              </li>
            )}
            {preview.data.unclosed && <li className="rounded bg-red-100 px-2 py-1 text-red-900">{t("preview.unclosed")}</li>}
            {!preview.data.empty.length && !preview.data.unknown.length && !preview.data.unclosed && (
              <li className="text-emerald-800">{t("preview.ok")}</li>
            )}
          </ul>
        </>
      )}
    </section>
  );
}
