"use client";

import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { AdminOnly } from "../_components/AdminOnly";
import { AdminSection } from "../_components/AdminSection";
import { CaughtMailList } from "../_components/CaughtMailList";
import { OutboxTable } from "../_components/OutboxTable";

// Delivery happens in the worker without a socket event, so these lists refresh themselves.
const POLL_MS = 5000;

export function OutboxView() {
  return (
    <AdminOnly>
      <OutboxLists />
    </AdminOnly>
  );
}

function OutboxLists() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const outbox = useQuery(trpc.admin.outbox.queryOptions(undefined, { refetchInterval: POLL_MS }));
  const caught = useQuery(trpc.admin.caughtMails.queryOptions(undefined, { refetchInterval: POLL_MS }));
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t("admin.outbox.title")}</h1>
      <AdminSection id="outgoing-heading" title={t("admin.outgoing.title")} query={outbox} empty={t("admin.outgoing.empty")}>
        {(rows) => <OutboxTable rows={rows} />}
      </AdminSection>
      <AdminSection
        id="caught-heading"
        title={t("admin.caught.title")}
        intro={t("admin.caught.intro")}
        query={caught}
        empty={t("admin.caught.empty")}
      >
        {(rows) => <CaughtMailList mails={rows} />}
      </AdminSection>
    </div>
  );
}
