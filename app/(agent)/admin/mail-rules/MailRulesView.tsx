"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { AdminOnly } from "../_components/AdminOnly";
import { AdminSection } from "../_components/AdminSection";
import { DryRunPanel } from "./_components/DryRunPanel";
import { RuleForm } from "./_components/RuleForm";
import { RuleList } from "./_components/RuleList";
import type { MailRuleRow } from "./_components/types";

export function MailRulesView() {
  return (
    <AdminOnly>
      <MailRules />
    </AdminOnly>
  );
}

/** `null`: no form open; "new": the empty form; a rule: that rule's form. */
type Editing = null | "new" | MailRuleRow;

function MailRules() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const rules = useQuery(trpc.mailRule.list.queryOptions());
  const queues = useQuery(trpc.ticket.queues.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const [editing, setEditing] = useState<Editing>(null);
  // A rule deleted while its form is open closes the form.
  const editingRule =
    editing !== null && editing !== "new" ? (rules.data?.find((r) => r.id === editing.id) ? editing : null) : null;
  const formOpen = editing === "new" || editingRule !== null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("rules.title")}</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("rules.intro")}</p>
        </div>
        <button
          type="button"
          onClick={() => setEditing("new")}
          disabled={editing === "new"}
          className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60"
        >
          {t("rules.new")}
        </button>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="space-y-6">
          <AdminSection id="rules-list" query={rules} empty={t("rules.empty")}>
            {(rows) => (
              <RuleList
                rules={rows}
                queues={queues.data}
                editingId={editingRule?.id ?? null}
                onEdit={(rule) => setEditing(rule)}
              />
            )}
          </AdminSection>
          {formOpen &&
            (queues.data ? (
              <RuleForm
                key={editingRule?.id ?? "new"}
                rule={editingRule}
                queues={queues.data}
                onDone={() => setEditing(null)}
              />
            ) : null)}
        </div>
        <div className="lg:sticky lg:top-4">
          <DryRunPanel rulesVersion={rules.dataUpdatedAt} />
        </div>
      </div>
    </div>
  );
}
