"use client";

import { RelativeTime } from "@/app/_components/RelativeTime";
import { useI18n } from "@/app/_lib/i18n";
import type { CaughtMail } from "@/app/_lib/api-types";

/** What the demo SMTP catcher received: subject, envelope, and every header plus the text. */
export function CaughtMailList({ mails }: { mails: CaughtMail[] }) {
  const { t } = useI18n();
  return (
    <ul className="space-y-3">
      {mails.map((m) => (
        <li key={m.id} data-testid="caught-mail" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="font-semibold text-slate-900">{m.subject || t("admin.caught.noSubject")}</h3>
            <RelativeTime date={m.receivedAt} className="text-xs text-slate-500" />
          </div>
          <p className="mt-1 break-all text-sm text-slate-600">
            {t("admin.caught.envelope", { from: m.envelopeFrom ?? "<>", to: m.envelopeTo.join(", ") })}
          </p>
          <details className="mt-2 text-sm">
            <summary className="text-blue-700 hover:underline">{t("admin.caught.details")}</summary>
            <h4 className="mt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("admin.caught.headers")}</h4>
            <pre className="mt-1 max-h-72 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800">
              {m.headers.map(([name, value]) => `${name}: ${value}`).join("\n")}
            </pre>
            <h4 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("admin.caught.text")}</h4>
            <pre className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800">
              {m.text ?? ""}
            </pre>
          </details>
        </li>
      ))}
    </ul>
  );
}
