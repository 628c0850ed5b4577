"use client";

import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { AdminOnly } from "../_components/AdminOnly";
import { AdminSection } from "../_components/AdminSection";
import { QueueSettingsForm } from "./_components/QueueSettingsForm";
import type { MailAccountOption, QueueMailSettings } from "./_components/types";

export function QueuesView() {
  return (
    <AdminOnly>
      <Queues />
    </AdminOnly>
  );
}

function Queues() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queues = useQuery(trpc.queue.mailSettings.queryOptions(undefined, { staleTime: 0 }));
  const accounts = useQuery(trpc.mailAccount.list.queryOptions());
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("queues.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("queues.intro")}</p>
      </div>
      <AdminSection id="queues-list" query={queues} empty={t("queues.empty")}>
        {(rows) => (
          <ul className="space-y-4">
            {rows.map((q) => (
              <li key={q.id}>
                <QueueCard queue={q} accounts={accounts} />
              </li>
            ))}
          </ul>
        )}
      </AdminSection>
    </div>
  );
}

function QueueCard({ queue, accounts }: { queue: QueueMailSettings; accounts: UseQueryResult<MailAccountOption[], unknown> }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const headingId = `queue-${queue.id}-name`;
  const formId = `queue-${queue.id}-form`;
  const sender =
    queue.senderAccountId === null
      ? t("queues.senderDefault")
      : (accounts.data?.find((a) => a.id === queue.senderAccountId)?.address ?? `#${queue.senderAccountId}`);
  const chip = "rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700";

  return (
    <section aria-labelledby={headingId} data-testid="queue-settings" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3 p-4">
        <div className="min-w-0 space-y-2">
          <h2 id={headingId} className="text-lg font-semibold text-slate-900">
            {queue.name}
          </h2>
          <ul className="flex flex-wrap gap-1.5" data-testid="queue-summary">
            <li className={chip}>{t("queues.summary.sender", { sender })}</li>
            <li
              className={
                queue.autoresponderEnabled ? "rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800" : chip
              }
            >
              {queue.autoresponderEnabled ? t("queues.summary.autoresponderOn") : t("queues.summary.autoresponderOff")}
            </li>
            <li className={chip}>{t("queues.summary.quoting", { quoting: t(`queues.quoting.${queue.quoting}`) })}</li>
            {queue.notifyEmails.length > 0 && (
              <li className={chip} title={queue.notifyEmails.join(", ")}>
                {t("queues.summary.notify", { count: queue.notifyEmails.length })}
              </li>
            )}
          </ul>
        </div>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={open ? formId : undefined}
          onClick={() => setOpen((o) => !o)}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
        >
          {open ? t("queues.close") : t("queues.edit", { name: queue.name })}
        </button>
      </div>
      {open && <QueueSettingsForm id={formId} queue={queue} accounts={accounts} />}
    </section>
  );
}
