"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { RelativeTime } from "@/app/_components/RelativeTime";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { AdminOnly } from "../_components/AdminOnly";
import { AdminSection, adminTable as s } from "../_components/AdminSection";
import { StateBadge } from "./_components/StateBadge";
import { TestResult } from "./_components/TestResult";
import type { MailAccountView } from "./_components/types";
import { Switch } from "@/app/_components/Switch";

// The worker changes the state without a socket event, so the list refreshes itself.
const POLL_MS = 3000;

export function MailAccountsView() {
  return (
    <AdminOnly>
      <MailAccounts />
    </AdminOnly>
  );
}

function MailAccounts() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const accounts = useQuery(trpc.mailAccount.list.queryOptions(undefined, { refetchInterval: POLL_MS, staleTime: 0 }));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("mailAccounts.title")}</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("mailAccounts.intro")}</p>
        </div>
        <Link
          href="/admin/mail-accounts/new"
          className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700"
        >
          {t("mailAccounts.new")}
        </Link>
      </div>
      <AdminSection id="mail-accounts" query={accounts} empty={t("mailAccounts.empty")}>
        {(rows) => (
          <div className={s.wrap}>
            <table className={`${s.table} min-w-[960px]`} data-testid="mail-account-table">
              <thead>
                <tr>
                  <th scope="col" className={s.th}>{t("mailAccounts.col.address")}</th>
                  <th scope="col" className={s.th}>{t("mailAccounts.col.server")}</th>
                  <th scope="col" className={s.th}>{t("mailAccounts.col.state")}</th>
                  <th scope="col" className={s.th}>{t("mailAccounts.col.lastFetch")}</th>
                  <th scope="col" className={s.th}>{t("mailAccounts.col.active")}</th>
                  <th scope="col" className={s.th}>{t("mailAccounts.col.test")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <AccountRow key={a.id} account={a} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AdminSection>
    </div>
  );
}

function AccountRow({ account: a }: { account: MailAccountView }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.mailAccount.list.queryFilter());
  const toggle = useMutation(trpc.mailAccount.setActive.mutationOptions({ onSettled: refresh }));
  const testFetch = useMutation(trpc.mailAccount.testFetch.mutationOptions());
  const testSend = useMutation(trpc.mailAccount.testSend.mutationOptions());
  // Shown at once; the server's answer (and the next poll) confirms it.
  const active = toggle.isPending && toggle.variables ? toggle.variables.active : a.active;
  const button =
    "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60";

  return (
    <tr data-testid="mail-account-row" data-address={a.address}>
      <td className={`${s.td} break-words`}>
        <Link
          href={`/admin/mail-accounts/${a.id}`}
          className="font-medium text-blue-700 hover:underline"
          aria-label={t("mailAccounts.editFor", { address: a.address })}
        >
          {a.address}
        </Link>
        {a.senderName && <div className="text-xs text-slate-500">{a.senderName}</div>}
      </td>
      <td className={`${s.td} break-words text-slate-600`}>
        {a.imapHost}:{a.imapPort}
        <div className="text-xs text-slate-500">{t(`mailAccounts.form.after.${a.afterImport}`)}</div>
      </td>
      <td className={s.td}>
        <StateBadge account={a} />
      </td>
      <td className={`${s.td} whitespace-nowrap text-slate-600`}>
        {a.lastFetchAt ? <RelativeTime date={a.lastFetchAt} /> : t("mailAccounts.never")}
      </td>
      <td className={s.td}>
        <Switch
          checked={active}
          disabled={toggle.isPending}
          onChange={(on) => toggle.mutate({ id: a.id, active: on })}
          label={t("mailAccounts.activeFor", { address: a.address })}
          onText={t("mailAccounts.on")}
          offText={t("mailAccounts.off")}
        />
        {toggle.isError && (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {errorMessage(toggle.error, t("mailAccounts.toggleError"))}
          </p>
        )}
      </td>
      <td className={`${s.td} w-72`}>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={button} disabled={testFetch.isPending} onClick={() => testFetch.mutate({ accountId: a.id })}>
            {t("mailAccounts.testFetch")}
          </button>
          <button type="button" className={button} disabled={testSend.isPending} onClick={() => testSend.mutate({ accountId: a.id })}>
            {t("mailAccounts.testSend")}
          </button>
        </div>
        <div className="mt-1 space-y-1">
          {!testFetch.isIdle && <TestResult id={`fetch-result-${a.id}`} test={testFetch} />}
          {!testSend.isIdle && <TestResult id={`send-result-${a.id}`} test={testSend} />}
        </div>
      </td>
    </tr>
  );
}
