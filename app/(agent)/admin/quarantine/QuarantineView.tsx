"use client";

import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { AdminOnly } from "../_components/AdminOnly";
import { AdminSection } from "../_components/AdminSection";
import { QuarantineTable } from "../_components/QuarantineTable";

export function QuarantineView() {
  return (
    <AdminOnly>
      <QuarantineList />
    </AdminOnly>
  );
}

function QuarantineList() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const quarantine = useQuery(trpc.admin.quarantine.queryOptions(undefined, { refetchInterval: 15_000 }));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">{t("admin.quarantine.title")}</h1>
      <AdminSection
        id="quarantine-list"
        intro={t("admin.quarantine.intro")}
        query={quarantine}
        empty={t("admin.quarantine.empty")}
      >
        {(rows) => <QuarantineTable rows={rows} />}
      </AdminSection>
    </div>
  );
}
