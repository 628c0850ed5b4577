"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n, type MessageKey } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { AdminOnly } from "../_components/AdminOnly";
import { AdminSection } from "../_components/AdminSection";
import { QuarantineTable } from "./QuarantineTable";

export function QuarantineView() {
  return (
    <AdminOnly>
      <QuarantineList />
    </AdminOnly>
  );
}

type Notice = { kind: "info" | "error"; text: string };

const retriedKey = {
  created: "admin.quarantine.retried.created",
  appended: "admin.quarantine.retried.appended",
  duplicate: "admin.quarantine.retried.duplicate",
  ignored: "admin.quarantine.retried.ignored",
} as const satisfies Record<string, MessageKey>;

/**
 * Quarantined mails with Retry and Discard. What an action did is said above the list, so it
 * stays readable when that action emptied the list (the last mail filed as a ticket).
 */
function QuarantineList() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const quarantine = useQuery(trpc.admin.quarantine.queryOptions(undefined, { refetchInterval: 15_000 }));
  const [notice, setNotice] = useState<Notice | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.admin.quarantine.queryFilter());
  const retry = useMutation(
    trpc.admin.quarantineRetry.mutationOptions({
      onSuccess: (r) => {
        const text =
          r.status === "quarantined"
            ? t("admin.quarantine.stillQuarantined", { reason: r.reason ?? "" })
            : t(retriedKey[r.status], { number: String(r.ticketNumber ?? "—"), reason: r.reason ?? "" });
        setNotice({ kind: "info", text });
        void refresh();
      },
      onError: (e) => setNotice({ kind: "error", text: t("admin.quarantine.actionFailed", { message: e.message }) }),
    }),
  );
  const discard = useMutation(
    trpc.admin.quarantineDiscard.mutationOptions({
      onSuccess: () => {
        setNotice({ kind: "info", text: t("admin.quarantine.discarded") });
        void refresh();
      },
      onError: (e) => setNotice({ kind: "error", text: t("admin.quarantine.actionFailed", { message: e.message }) }),
    }),
  );
  const busyId = retry.isPending ? retry.variables?.id : discard.isPending ? discard.variables?.id : undefined;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("admin.quarantine.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("admin.quarantine.intro")}</p>
      </div>
      <p
        role="status"
        data-testid="quarantine-notice"
        className={
          notice
            ? `rounded-md px-4 py-2 text-sm ${notice.kind === "error" ? "bg-red-50 text-red-800" : "bg-sky-50 text-sky-900"}`
            : "sr-only"
        }
      >
        {notice?.text}
      </p>
      <AdminSection
        id="quarantine-list"
        query={quarantine}
        empty={t("admin.quarantine.empty")}
      >
        {(rows) => (
          <QuarantineTable
            rows={rows}
            busyId={busyId}
            onRetry={(id) => retry.mutate({ id })}
            onDiscard={(id) => window.confirm(t("admin.quarantine.discardConfirm")) && discard.mutate({ id })}
          />
        )}
      </AdminSection>
    </div>
  );
}
