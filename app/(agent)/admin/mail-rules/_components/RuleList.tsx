"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { adminTable as s } from "../../_components/AdminSection";
import { actionNames, describeActions, describeConditions } from "./describe";
import type { MailRuleRow, QueueWithStatuses } from "./types";
import { Switch } from "@/app/_components/Switch";

const smallButton =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-40";

/** The rules in the order they run, with their switch, order buttons, edit and delete. */
export function RuleList({
  rules,
  queues,
  editingId,
  onEdit,
}: {
  rules: MailRuleRow[];
  queues: QueueWithStatuses[] | undefined;
  editingId: number | null;
  onEdit: (rule: MailRuleRow) => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);
  const onSettled = () => queryClient.invalidateQueries(trpc.mailRule.list.queryFilter());
  const setActive = useMutation(trpc.mailRule.setActive.mutationOptions({ onSettled }));
  const move = useMutation(trpc.mailRule.move.mutationOptions({ onSettled }));
  const remove = useMutation(trpc.mailRule.delete.mutationOptions({ onSettled, onSuccess: () => setConfirmDelete(null) }));
  const failed = [setActive, move, remove].find((m) => m.isError);
  const busy = move.isPending || remove.isPending;

  return (
    <div className="space-y-2">
      {failed && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errorMessage(failed.error, t("common.error"))}
        </p>
      )}
      <div className={s.wrap}>
        <table className={s.table} data-testid="rules-table">
          <thead>
            <tr>
              <th scope="col" className={`${s.th} w-12`}>{t("rules.col.order")}</th>
              <th scope="col" className={s.th}>{t("rules.col.name")}</th>
              <th scope="col" className={s.th}>{t("rules.col.when")}</th>
              <th scope="col" className={s.th}>{t("rules.col.then")}</th>
              <th scope="col" className={s.th}>{t("rules.col.active")}</th>
              <th scope="col" className={s.th}>
                <span className="sr-only">{t("rules.col.tools")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r, i) => {
              const active = setActive.isPending && setActive.variables.id === r.id ? setActive.variables.active : r.active;
              return (
                <tr
                  key={r.id}
                  data-testid="rule-row"
                  data-active={active}
                  className={`${editingId === r.id ? "bg-blue-50" : ""} ${active ? "" : "text-slate-400"}`}
                >
                  <td className={`${s.td} tabular-nums`}>{i + 1}</td>
                  <td className={`${s.td} font-medium ${active ? "text-slate-900" : ""}`}>{r.name}</td>
                  <td className={`${s.td} max-w-xs break-words`}>{describeConditions(r.conditions, r.match, t)}</td>
                  <td className={`${s.td} max-w-xs break-words first-letter:uppercase`}>{describeActions(r.actions, t, actionNames(r.actions, queues))}</td>
                  <td className={s.td}>
                    <Switch
                      checked={active}
                      onChange={(on) => setActive.mutate({ id: r.id, active: on })}
                      label={t("rules.activeToggle", { name: r.name })}
                      onText={t("rules.on")}
                      offText={t("rules.off")}
                    />
                  </td>
                  <td className={`${s.td} whitespace-nowrap text-right`}>
                    <span className="inline-flex gap-1">
                      <button
                        type="button"
                        className={smallButton}
                        disabled={busy || i === 0}
                        onClick={() => move.mutate({ id: r.id, direction: "up" })}
                        aria-label={t("rules.moveUp", { name: r.name })}
                        title={t("rules.moveUp", { name: r.name })}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className={smallButton}
                        disabled={busy || i === rules.length - 1}
                        onClick={() => move.mutate({ id: r.id, direction: "down" })}
                        aria-label={t("rules.moveDown", { name: r.name })}
                        title={t("rules.moveDown", { name: r.name })}
                      >
                        ↓
                      </button>
                      <button type="button" className={smallButton} onClick={() => onEdit(r)}>
                        {t("rules.edit")}
                      </button>
                      {confirmDelete === r.id ? (
                        <>
                          <button
                            type="button"
                            className="rounded-md bg-red-600 px-2 py-1 text-xs font-medium text-white hover:bg-red-700 disabled:opacity-60"
                            disabled={busy}
                            onClick={() => remove.mutate({ id: r.id })}
                          >
                            {t("rules.deleteConfirm")}
                          </button>
                          <button type="button" className={smallButton} onClick={() => setConfirmDelete(null)}>
                            {t("rules.form.cancel")}
                          </button>
                        </>
                      ) : (
                        <button type="button" className={`${smallButton} text-red-700`} onClick={() => setConfirmDelete(r.id)}>
                          {t("rules.delete")}
                        </button>
                      )}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
