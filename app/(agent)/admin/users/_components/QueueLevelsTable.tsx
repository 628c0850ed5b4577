"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { Fragment } from "react";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { useI18n } from "@/app/_lib/i18n";
import { adminTable as s } from "../../_components/AdminSection";
import { queueLevels, type QueueLevel, type QueueOption } from "./types";

/** The hint's rows: "write" is the same step as "create", so they share one. */
const levelHints = ["read_own", "create", "delete_own", "manage", "none"] as const;

const cell = "border-b border-slate-100 px-3 py-2 align-middle";
const select =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500";

/** Every queue with the user's level on it ("" = no access), and what the levels mean. */
export function QueueLevelsTable({
  id, queues, levels, onChange, isAdmin, error,
}: {
  id: string;
  queues: UseQueryResult<QueueOption[], unknown>;
  /** Queue id → level; a queue not listed: no access. */
  levels: Record<string, QueueLevel>;
  onChange: (queueId: number, level: QueueLevel | "") => void;
  isAdmin: boolean;
  error?: string;
}) {
  const { t } = useI18n();
  const described = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <fieldset data-testid="queue-levels">
      <legend className="text-sm font-medium text-slate-700">{t("users.queues")}</legend>
      <div id={`${id}-hint`} className="mt-1 space-y-1 text-xs text-slate-500">
        {isAdmin && <p className="text-slate-700">{t("users.queuesAdminHint")}</p>}
        <p>{t("users.queuesHint")}</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
          {levelHints.map((level) => (
            <Fragment key={level}>
              <dt className="font-medium text-slate-600">
                {level === "create" ? `${t("users.level.create")} / ${t("users.level.write")}` : t(`users.level.${level}`)}
              </dt>
              <dd>{t(`users.levelHint.${level}`)}</dd>
            </Fragment>
          ))}
        </dl>
      </div>
      <div className="mt-2">
        {queues.isPending ? (
          <LoadingLine />
        ) : queues.isError ? (
          <ErrorState message={t("users.queuesLoadError")} onRetry={() => queues.refetch()} />
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200">
            <table className="w-full border-collapse text-sm">
              <thead>
                <tr>
                  <th scope="col" className={s.th}>{t("users.col.queue")}</th>
                  <th scope="col" className={`${s.th} w-48`}>{t("users.col.level")}</th>
                </tr>
              </thead>
              <tbody>
                {queues.data.map((q) => (
                  <tr key={q.id} data-testid="queue-level">
                    <th scope="row" className={`${cell} text-left font-medium text-slate-900`}>
                      {q.name}
                    </th>
                    <td className={cell}>
                      <select
                        aria-label={t("users.levelLabel", { queue: q.name })}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={described}
                        value={levels[String(q.id)] ?? ""}
                        onChange={(e) => onChange(q.id, e.target.value as QueueLevel | "")}
                        className={select}
                      >
                        <option value="">{t("users.level.none")}</option>
                        {queueLevels.map((l) => (
                          <option key={l} value={l}>
                            {t(`users.level.${l}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
