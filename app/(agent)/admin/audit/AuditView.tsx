"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { RelativeTime } from "@/app/_components/RelativeTime";
import { EmptyState, ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import type { RouterOutputs } from "@/app/_lib/api-types";
import { LoadMore } from "@/app/_components/LoadMore";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { AdminOnly } from "../_components/AdminOnly";

type Entry = RouterOutputs["audit"]["list"]["items"][number];
const entities = ["user", "team", "queue", "status", "statusGroup", "fieldOption", "mailAccount", "mailRule", "settings", "quarantine", "contact", "organisation"] as const;
type Entity = (typeof entities)[number];
const PAGE_SIZE = 50;

/** Every admin change: who, what, when, with old and new values (issue 6). */
export function AuditView() {
  return (
    <AdminOnly>
      <AuditList />
    </AdminOnly>
  );
}

function AuditList() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [entity, setEntity] = useState<Entity | "">("");
  const list = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, entity: entity || undefined },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, staleTime: 0 },
    ),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("audit.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("audit.intro")}</p>
        </div>
        <label className="text-sm text-slate-700">
          <span className="mr-2 font-medium">{t("audit.filter")}</span>
          <select
            value={entity}
            onChange={(e) => setEntity(e.target.value as Entity | "")}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">{t("audit.entity.all")}</option>
            {entities.map((e) => (
              <option key={e} value={e}>
                {t(`audit.entity.${e}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.isPending ? (
        <LoadingLine />
      ) : list.isError ? (
        <ErrorState message={t("common.error")} onRetry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState message={entity ? t("audit.emptyFiltered") : t("audit.empty")} />
      ) : (
        <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
          <ul className="divide-y divide-slate-100" aria-label={t("audit.title")}>
            {items.map((e) => (
              <AuditItem key={e.id} entry={e} />
            ))}
          </ul>
          <LoadMore query={list} label={t("audit.loadMore")} />
        </div>
      )}
    </div>
  );
}

/** A value as one short line: lists and objects as JSON, nothing as a dash. */
function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  return typeof v === "string" ? v : JSON.stringify(v);
}

function AuditItem({ entry }: { entry: Entry }) {
  const { t } = useI18n();
  const fields = Object.entries(entry.changes);
  return (
    <li className="px-4 py-3 text-sm" data-testid="audit-entry">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-slate-900">
          <span className="font-medium">{entry.actorName ?? t("audit.system")}</span>{" "}
          {t(`audit.action.${entry.action}`)}{" "}
          <span className="font-medium">{t(`audit.entity.${entry.entity as Entity}`)}</span>
          {(entry.entityLabel ?? entry.entityId) && <span className="text-slate-600"> · {entry.entityLabel ?? `#${entry.entityId}`}</span>}
        </p>
        <RelativeTime date={entry.at} className="text-xs text-slate-500" />
      </div>
      {fields.length > 0 && (
        <dl className="mt-2 grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-1 text-xs">
          {fields.map(([field, { from, to }]) => (
            <div key={field} className="contents">
              <dt className="font-mono text-slate-500">{field}</dt>
              <dd className="break-all text-slate-800">
                <span className="text-red-700 line-through decoration-red-300">{show(from)}</span>
                <span aria-hidden="true"> → </span>
                <span className="sr-only"> {t("audit.changedTo")} </span>
                <span className="text-emerald-800">{show(to)}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}
