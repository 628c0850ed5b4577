"use client";

import { useMutation, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { AdminOnly } from "../_components/AdminOnly";
import { AdminSection } from "../_components/AdminSection";
import { MoveButtons, primaryButton } from "../_components/ConfigParts";
import { QueueDelete } from "./_components/QueueDelete";
import { QueueForm, useInvalidateQueues } from "./_components/QueueForm";
import { QueueSettingsForm } from "./_components/QueueSettingsForm";
import { StatusesPanel } from "./_components/StatusesPanel";
import { localName, type MailAccountOption, type QueueConfig, type QueueMailSettings, type StatusGroupOption } from "./_components/types";

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
  const queues = useQuery(trpc.queue.list.queryOptions(undefined, { staleTime: 0 }));
  const mail = useQuery(trpc.queue.mailSettings.queryOptions(undefined, { staleTime: 0 }));
  const accounts = useQuery(trpc.mailAccount.list.queryOptions());
  const groups = useQuery(trpc.statusGroup.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [justCreated, setJustCreated] = useState<number | null>(null);
  const invalidate = useInvalidateQueues();
  const move = useMutation(trpc.queue.move.mutationOptions({ onSettled: () => invalidate() }));
  const groupNames = [...new Set((queues.data ?? []).map((q) => q.groupName).filter((g): g is string => Boolean(g)))].sort();

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("queues.title")}</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("queueConfig.intro")}</p>
        </div>
        <button type="button" className={primaryButton} onClick={() => setCreating(true)} disabled={creating} aria-expanded={creating}>
          {t("queueConfig.new")}
        </button>
      </div>
      {creating && (
        <section aria-labelledby="queue-new-title" className="rounded-xl border border-blue-200 bg-white shadow-sm">
          <h2 id="queue-new-title" className="border-b border-slate-100 px-5 pt-4 pb-3 text-lg font-semibold text-slate-900">
            {t("queueConfig.newTitle")}
          </h2>
          <QueueForm
            id="queue-new"
            queue={null}
            groups={groupNames}
            onDone={(created) => {
              setCreating(false);
              if (created) setJustCreated(created.id);
            }}
          />
        </section>
      )}
      {justCreated !== null && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t("queueConfig.created", { name: queues.data?.find((q) => q.id === justCreated)?.name ?? "" })}
        </p>
      )}
      {move.isError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errorMessage(move.error, t("common.error"))}
        </p>
      )}
      <AdminSection id="queues-list" query={queues} empty={t("queues.empty")}>
        {(rows) => (
          <ul className="space-y-4">
            {rows.map((q, i) => {
              const mailSettings = mail.data?.find((m) => m.id === q.id);
              return (
                <li key={q.id}>
                  <QueueCard
                    queue={q}
                    queues={rows}
                    mail={mailSettings}
                    accounts={accounts}
                    groups={groups.data ?? []}
                    groupNames={groupNames}
                    first={i === 0}
                    last={i === rows.length - 1}
                    moving={move.isPending}
                    onMove={(direction) => move.mutate({ id: q.id, direction })}
                    initiallyOpen={q.id === justCreated ? "statuses" : null}
                  />
                </li>
              );
            })}
          </ul>
        )}
      </AdminSection>
    </div>
  );
}

type Tab = "mail" | "details" | "statuses";
const tabs: Tab[] = ["mail", "details", "statuses"];

function QueueCard({
  queue, queues, mail, accounts, groups, groupNames, first, last, moving, onMove, initiallyOpen,
}: {
  queue: QueueConfig;
  queues: QueueConfig[];
  mail: QueueMailSettings | undefined;
  accounts: UseQueryResult<MailAccountOption[], unknown>;
  groups: StatusGroupOption[];
  groupNames: string[];
  first: boolean;
  last: boolean;
  moving: boolean;
  onMove: (direction: "up" | "down") => void;
  initiallyOpen: Tab | null;
}) {
  const { t, lang } = useI18n();
  const [tab, setTab] = useState<Tab | null>(initiallyOpen);
  const [deleting, setDeleting] = useState(false);
  const open = tab !== null;
  const name = localName(queue, lang);
  const otherName = lang === "de" ? (queue.nameDe ? queue.name : null) : queue.nameDe;
  const headingId = `queue-${queue.id}-name`;
  const panelId = `queue-${queue.id}-panel`;
  const sender = !mail
    ? null
    : mail.senderAccountId === null
      ? t("queues.senderDefault")
      : (accounts.data?.find((a) => a.id === mail.senderAccountId)?.address ?? `#${mail.senderAccountId}`);
  const chip = "rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700";

  return (
    <section aria-labelledby={headingId} data-testid="queue-settings" data-id={queue.id} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3 p-4">
        <div className="min-w-0 space-y-2">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <h2 id={headingId} className="text-lg font-semibold text-slate-900" title={queue.description ?? undefined}>
              {name}
            </h2>
            {otherName && (
              <span className="text-sm text-slate-500" lang={lang === "de" ? "en" : "de"}>
                {otherName}
              </span>
            )}
            {queue.groupName && (
              <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700" title={t("queueConfig.group")}>
                {queue.groupName}
              </span>
            )}
          </div>
          {queue.description && <p className="max-w-2xl text-sm text-slate-600">{queue.description}</p>}
          <ul className="flex flex-wrap gap-1.5" data-testid="queue-summary">
            <li className={chip}>{queue.ticketCount === 1 ? t("queueConfig.ticketsOne") : t("queueConfig.tickets", { count: queue.ticketCount })}</li>
            {queue.customersSeeEachOther && <li className="rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-800">{t("queueConfig.customersShared")}</li>}
            {mail && sender && (
              <>
                <li className={chip}>{t("queues.summary.sender", { sender })}</li>
                <li className={mail.autoresponderEnabled ? "rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800" : chip}>
                  {mail.autoresponderEnabled ? t("queues.summary.autoresponderOn") : t("queues.summary.autoresponderOff")}
                </li>
                <li className={chip}>{t("queues.summary.quoting", { quoting: t(`queues.quoting.${mail.quoting}`) })}</li>
                {mail.notifyEmails.length > 0 && (
                  <li className={chip} title={mail.notifyEmails.join(", ")}>
                    {t("queues.summary.notify", { count: mail.notifyEmails.length })}
                  </li>
                )}
              </>
            )}
          </ul>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <MoveButtons
            upLabel={t("queueConfig.moveUp", { name })}
            downLabel={t("queueConfig.moveDown", { name })}
            first={first}
            last={last}
            disabled={moving}
            onMove={onMove}
          />
          <button
            type="button"
            aria-expanded={open}
            aria-controls={open ? panelId : undefined}
            onClick={() => {
              setDeleting(false);
              setTab((current) => (current === null ? "mail" : null));
            }}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
          >
            {open ? t("queues.close") : t("queues.edit", { name })}
          </button>
          <button
            type="button"
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 shadow-sm hover:bg-red-50"
            aria-expanded={deleting}
            aria-label={t("queueConfig.deleteNamed", { name })}
            onClick={() => {
              setTab(null);
              setDeleting((d) => !d);
            }}
          >
            {t("queueConfig.delete")}
          </button>
        </div>
      </div>
      {deleting && <QueueDelete queue={queue} queues={queues} onCancel={() => setDeleting(false)} />}
      {tab !== null && (
        <div id={panelId} className="border-t border-slate-100">
          <div role="tablist" aria-label={t("queueConfig.tabsLabel", { name })} className="flex gap-1 border-b border-slate-100 px-4 pt-2">
            {tabs.map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                id={`${panelId}-tab-${k}`}
                aria-selected={tab === k}
                aria-controls={`${panelId}-${k}`}
                onClick={() => setTab(k)}
                className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
                  tab === k ? "border-blue-600 text-blue-800" : "border-transparent text-slate-600 hover:text-slate-900"
                }`}
              >
                {t(`queueConfig.tab.${k}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`${panelId}-${tab}`} aria-labelledby={`${panelId}-tab-${tab}`}>
            {tab === "mail" &&
              (mail ? (
                <QueueSettingsForm id={`queue-${queue.id}-form`} queue={mail} accounts={accounts} />
              ) : (
                <p className="p-5 text-sm text-slate-500">{t("common.loading")}</p>
              ))}
            {tab === "details" && <QueueForm id={`queue-${queue.id}-details`} queue={queue} groups={groupNames} />}
            {tab === "statuses" && <StatusesPanel id={`queue-${queue.id}-statuses`} queue={queue} groups={groups} />}
          </div>
        </div>
      )}
    </section>
  );
}
