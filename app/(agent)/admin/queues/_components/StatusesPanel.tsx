"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { LockIcon } from "@/app/_components/icons";
import { ProgressBar } from "@/app/_components/ProgressBar";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { adminTable as s } from "../../_components/AdminSection";
import { Badge, cell, dangerButton, MoveButtons, primaryButton, secondaryButton, smallButton, Swatch } from "../../_components/ConfigParts";
import { useInvalidateQueues } from "./QueueForm";
import { StatusForm } from "./StatusForm";
import { localName, type QueueConfig, type StatusConfig, type StatusGroupOption } from "./types";

type Editing = null | "new" | StatusConfig;

/** A queue's statuses (B2) in order: add, edit, reorder and delete; built-in ones are read-only. */
export function StatusesPanel({ id, queue, groups }: { id: string; queue: QueueConfig; groups: StatusGroupOption[] }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateQueues();
  const list = useQuery(trpc.status.list.queryOptions({ queueId: queue.id }, { staleTime: 0 }));
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<StatusConfig | null>(null);
  const move = useMutation(trpc.status.move.mutationOptions({ onSettled: () => invalidate() }));
  const queueName = localName(queue, lang);
  const builtInNote = `${id}-built-in`;

  if (list.isPending) return <LoadingLine />;
  if (list.isError) return <ErrorState message={t("admin.loadError")} onRetry={() => list.refetch()} />;
  const rows = list.data;
  const groupOf = (groupId: number | null) => groups.find((g) => g.id === groupId);

  return (
    <div className="space-y-4 p-5" data-testid="statuses-panel">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p className="max-w-2xl text-sm text-slate-600">
          {t("statusConfig.intro")} <span id={builtInNote}>{t("statusConfig.builtInNote")}</span>
        </p>
        <button type="button" className={primaryButton} onClick={() => { setDeleting(null); setEditing("new"); }} disabled={editing === "new"}>
          {t("statusConfig.new")}
        </button>
      </div>
      {move.isError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errorMessage(move.error, t("common.error"))}
        </p>
      )}
      <div className={s.wrap}>
        <table className={s.table} aria-label={t("statusConfig.tableLabel", { queue: queueName })}>
          <thead>
            <tr>
              <th scope="col" className={`${s.th} w-10`}>#</th>
              <th scope="col" className={s.th}>{t("statusConfig.name")}</th>
              <th scope="col" className={s.th}>{t("statusConfig.category")}</th>
              <th scope="col" className={`${s.th} w-40`}>{t("statusConfig.progress")}</th>
              <th scope="col" className={s.th}>{t("statusConfig.group")}</th>
              <th scope="col" className={`${s.th} text-right`}>{t("statusConfig.tickets")}</th>
              <th scope="col" className={s.th}>
                <span className="sr-only">{t("statusConfig.tools")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((st, i) => {
              const name = localName(st, lang);
              const group = groupOf(st.groupId);
              return (
                <tr key={st.id} data-testid="status-row" data-id={st.id} className={editing !== "new" && editing?.id === st.id ? "bg-blue-50" : ""}>
                  <td className={`${cell} tabular-nums text-slate-500`}>{i + 1}</td>
                  <th scope="row" className={`${cell} text-left font-medium text-slate-900`}>
                    <span className="flex flex-wrap items-center gap-2">
                      <span data-testid="status-name">{name}</span>
                      {st.builtIn && (
                        <Badge title={t("statusConfig.builtInNote")}>
                          <LockIcon className="h-3 w-3" />
                          {t("statusConfig.builtIn")}
                        </Badge>
                      )}
                    </span>
                    {(lang === "de" ? st.name !== name : st.nameDe) && (
                      <span className="block text-xs font-normal text-slate-500">{lang === "de" ? st.name : st.nameDe}</span>
                    )}
                  </th>
                  <td className={cell}>{t(`statusConfig.category.${st.category}`)}</td>
                  <td className={cell}>
                    <span className="flex items-center gap-2 whitespace-nowrap">
                      <span className="w-20 shrink-0">
                        <ProgressBar value={st.progress} label={t("statusConfig.progressOf", { name })} />
                      </span>
                      <span className="tabular-nums text-xs text-slate-600">{st.progress}&nbsp;%</span>
                    </span>
                  </td>
                  <td className={cell}>
                    {group ? (
                      <span className="inline-flex items-center gap-1.5">
                        <Swatch colour={group.colour} />
                        {localName(group, lang)}
                      </span>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </td>
                  <td className={`${cell} text-right tabular-nums`}>{st.ticketCount}</td>
                  <td className={`${cell} whitespace-nowrap text-right`}>
                    <span className="inline-flex gap-1">
                      <MoveButtons
                        upLabel={t("statusConfig.moveUp", { name })}
                        downLabel={t("statusConfig.moveDown", { name })}
                        first={i === 0}
                        last={i === rows.length - 1}
                        disabled={move.isPending}
                        onMove={(direction) => move.mutate({ id: st.id, direction })}
                      />
                      <button
                        type="button"
                        className={smallButton}
                        disabled={st.builtIn}
                        aria-describedby={st.builtIn ? builtInNote : undefined}
                        aria-label={t("statusConfig.editNamed", { name })}
                        onClick={() => { setDeleting(null); setEditing(st); }}
                      >
                        {t("statusConfig.edit")}
                      </button>
                      <button
                        type="button"
                        className={`${smallButton} text-red-700`}
                        disabled={st.builtIn}
                        aria-describedby={st.builtIn ? builtInNote : undefined}
                        aria-label={t("statusConfig.deleteNamed", { name })}
                        onClick={() => { setEditing(null); setDeleting(st); }}
                      >
                        {t("statusConfig.delete")}
                      </button>
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {deleting && (
        <StatusDelete
          key={deleting.id}
          status={rows.find((r) => r.id === deleting.id) ?? deleting}
          statuses={rows}
          queueName={queueName}
          onDone={() => setDeleting(null)}
        />
      )}
      {editing !== null && (
        <StatusForm
          key={editing === "new" ? "new" : editing.id}
          id={`${id}-form`}
          queueId={queue.id}
          queueName={queueName}
          status={editing === "new" ? null : editing}
          groups={groups}
          onDone={() => setEditing(null)}
        />
      )}
    </div>
  );
}

/** Deleting a status: after a confirmation, or, when tickets have it, after they move to another status of the queue. */
function StatusDelete({ status, statuses, queueName, onDone }: { status: StatusConfig; statuses: StatusConfig[]; queueName: string; onDone: () => void }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateQueues();
  const [target, setTarget] = useState("");
  const remove = useMutation(
    trpc.status.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onDone();
      },
      onError: () => invalidate(),
    }),
  );
  const name = localName(status, lang);
  const errors = fieldErrors(remove.error);
  const needsConfirm = Boolean(errors.confirmNoClosed);
  const send = (confirmNoClosed: boolean) =>
    remove.mutate({ id: status.id, moveTicketsTo: status.ticketCount > 0 ? Number(target) : null, confirmNoClosed });

  return (
    <div role="group" aria-label={t("statusConfig.deleteTitle", { name })} data-testid="status-delete" className="space-y-3 rounded-lg border border-red-200 bg-red-50/60 p-4 text-sm">
      {status.ticketCount > 0 ? (
        <>
          <p className="text-red-900">{t("statusConfig.deleteInUse", { name, count: status.ticketCount })}</p>
          <div className="flex flex-wrap items-end gap-3">
            <label className="block">
              <span className="block font-medium text-slate-700">{t("statusConfig.moveTicketsTo")}</span>
              <select
                value={target}
                onChange={(e) => setTarget(e.target.value)}
                aria-invalid={errors.moveTicketsTo ? true : undefined}
                className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500"
              >
                <option value="">{t("statusConfig.chooseStatus")}</option>
                {statuses
                  .filter((o) => o.id !== status.id)
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {localName(o, lang)} · {t(`statusConfig.category.${o.category}`)}
                    </option>
                  ))}
              </select>
            </label>
            <button type="button" className={dangerButton} disabled={!target || remove.isPending} onClick={() => send(false)}>
              {t("statusConfig.moveAndDelete")}
            </button>
            <button type="button" className={secondaryButton} onClick={onDone}>
              {t("statusConfig.cancel")}
            </button>
          </div>
        </>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-red-900">{t("statusConfig.deleteConfirm", { name })}</p>
          <button type="button" className={dangerButton} disabled={remove.isPending} onClick={() => send(false)}>
            {t("statusConfig.deleteStatus")}
          </button>
          <button type="button" className={secondaryButton} onClick={onDone}>
            {t("statusConfig.cancel")}
          </button>
        </div>
      )}
      {needsConfirm ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          <p className="flex-1">{t("statusConfig.noClosedWarning", { queue: queueName })}</p>
          <button type="button" className={dangerButton} disabled={remove.isPending} onClick={() => send(true)}>
            {t("statusConfig.deleteAnyway")}
          </button>
        </div>
      ) : (
        remove.isError && (
          <p role="alert" className="font-medium text-red-800">
            {errors.moveTicketsTo ?? errorMessage(remove.error, t("common.error"))}
          </p>
        )
      )}
    </div>
  );
}
