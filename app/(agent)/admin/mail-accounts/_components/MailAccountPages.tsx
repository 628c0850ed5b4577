"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import type { ReactNode } from "react";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { errorCode } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { AdminOnly } from "../../_components/AdminOnly";
import { MailAccountForm } from "./MailAccountForm";
import { StateBadge } from "./StateBadge";

function Frame({ title, aside, children }: { title: string; aside?: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/mail-accounts" className="text-sm text-blue-700 hover:underline">
          ← {t("mailAccounts.form.back")}
        </Link>
        <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
          <h1 className="break-all text-2xl font-semibold tracking-tight">{title}</h1>
          {aside}
        </div>
      </div>
      {children}
    </div>
  );
}

function useQueues() {
  const trpc = useTRPC();
  return useQuery(trpc.ticket.queues.queryOptions(undefined, { staleTime: 5 * 60_000 }));
}

export function NewMailAccountView() {
  return (
    <AdminOnly>
      <NewMailAccount />
    </AdminOnly>
  );
}

function NewMailAccount() {
  const { t } = useI18n();
  const queues = useQueues();
  return (
    <Frame title={t("mailAccounts.form.newTitle")}>
      {queues.isPending ? (
        <LoadingLine />
      ) : queues.isError ? (
        <ErrorState message={t("common.error")} onRetry={() => queues.refetch()} />
      ) : (
        <MailAccountForm account={null} queues={queues.data} />
      )}
    </Frame>
  );
}

export function EditMailAccountView() {
  return (
    <AdminOnly>
      <EditMailAccount />
    </AdminOnly>
  );
}

function EditMailAccount() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const params = useParams<{ id: string }>();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  // The form keeps its own copy once loaded; only the state badge follows the worker.
  const account = useQuery(trpc.mailAccount.get.queryOptions({ id }, { enabled: valid, staleTime: Infinity }));
  const live = useQuery(
    trpc.mailAccount.list.queryOptions(undefined, { enabled: valid, refetchInterval: 3000, staleTime: 0 }),
  );
  const queues = useQueues();
  const current = live.data?.find((a) => a.id === id) ?? account.data;

  if (!valid || errorCode(account.error) === "NOT_FOUND") {
    return (
      <Frame title={t("mailAccounts.title")}>
        <ErrorState message={t("mailAccounts.form.notFound")} />
      </Frame>
    );
  }
  return (
    <Frame
      title={account.data ? t("mailAccounts.form.editTitle", { address: account.data.address }) : t("mailAccounts.title")}
      aside={current && <StateBadge account={current} />}
    >
      {account.isPending || queues.isPending ? (
        <LoadingLine />
      ) : account.isError || queues.isError ? (
        <ErrorState
          message={t("mailAccounts.form.loadError")}
          onRetry={() => {
            void account.refetch();
            void queues.refetch();
          }}
        />
      ) : (
        <MailAccountForm key={account.data.id} account={account.data} queues={queues.data} />
      )}
    </Frame>
  );
}
