"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type KeyboardEvent } from "react";
import type { RouterOutputs } from "@/app/_lib/api-types";
import { useI18n, type MessageKey } from "@/app/_lib/i18n";
import { useTRPC, useTRPCClient } from "@/app/_lib/trpc";
import { AdminOnly } from "../_components/AdminOnly";
import { HourlyRates } from "./_components/HourlyRates";
import { ConfigList, type ListApi, type ListQuery, type ListRow } from "./_components/ConfigList";

type FieldOptionKind = RouterOutputs["fieldOption"]["list"][number]["kind"];

/** The lists in the order the page shows them; priorities are fixed (0–5) and only shown. */
const fieldKinds = ["ticketRole", "topic", "brand", "category", "severity", "source", "serviceContract"] as const satisfies readonly FieldOptionKind[];
/** Kinds tickets refer to (B8, B9); ticket roles and topics come later. */
const ticketKinds: readonly FieldOptionKind[] = ["brand", "category", "severity", "source", "serviceContract"];
type Tab = "statusGroup" | FieldOptionKind | "priority" | "hourlyRate";
const tabs: Tab[] = ["statusGroup", ...fieldKinds, "priority", "hourlyRate"];

export function ListsView() {
  return (
    <AdminOnly>
      <Lists />
    </AdminOnly>
  );
}

/** The configurable lists (B3–B5, B7–B9), one tab each, all with the same list component. */
function Lists() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>("statusGroup");
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(e: KeyboardEvent, index: number) {
    const delta = e.key === "ArrowRight" || e.key === "ArrowDown" ? 1 : e.key === "ArrowLeft" || e.key === "ArrowUp" ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = (index + delta + tabs.length) % tabs.length;
    setTab(tabs[next]);
    refs.current[next]?.focus();
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("lists.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("lists.intro")}</p>
      </div>
      <div role="tablist" aria-label={t("lists.tabsLabel")} className="flex flex-wrap gap-1 rounded-lg bg-slate-200/70 p-1">
        {tabs.map((k, i) => (
          <button
            key={k}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`lists-tab-${k}`}
            aria-selected={tab === k}
            aria-controls="lists-panel"
            tabIndex={tab === k ? 0 : -1}
            onClick={() => setTab(k)}
            onKeyDown={(e) => onKeyDown(e, i)}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${tab === k ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
          >
            {t(`lists.kind.${k}` as MessageKey)}
          </button>
        ))}
      </div>
      <div id="lists-panel" role="tabpanel" aria-labelledby={`lists-tab-${tab}`}>
        {tab === "statusGroup" ? <StatusGroups /> : tab === "priority" ? <Priorities /> : tab === "hourlyRate" ? <HourlyRates /> : <FieldOptions key={tab} kind={tab} />}
      </div>
    </div>
  );
}

function StatusGroups() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.statusGroup.list.queryOptions(undefined, { staleTime: 0 }));
  const query: ListQuery = {
    isPending: list.isPending, isError: list.isError, refetch: list.refetch,
    data: list.data?.map((g): ListRow => ({ id: g.id, name: g.name, nameDe: g.nameDe, colour: g.colour, usage: g.statusCount })),
  };
  const api: ListApi = {
    save: (id, v) => (id === null ? client.statusGroup.create.mutate(v) : client.statusGroup.update.mutate({ id, ...v })),
    move: (id, direction) => client.statusGroup.move.mutate({ id, direction }),
    remove: (id) => client.statusGroup.delete.mutate({ id }),
    refresh: () => Promise.all([queryClient.invalidateQueries(trpc.statusGroup.pathFilter()), queryClient.invalidateQueries(trpc.status.pathFilter())]),
  };
  return (
    <ConfigList
      id="statusGroup"
      query={query}
      api={api}
      texts={{
        title: t("lists.kind.statusGroup"),
        intro: t("lists.intro.statusGroup"),
        usageHeading: t("lists.col.statuses"),
        usage: (n) => (n === 1 ? t("lists.statusesOne") : t("lists.statuses", { count: n })),
        inUse: (name, n) => t("lists.groupInUse", { name, count: n }),
        colourRequired: true,
      }}
    />
  );
}

function FieldOptions({ kind }: { kind: FieldOptionKind }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.fieldOption.list.queryOptions({ kind }, { staleTime: 0 }));
  const referenced = ticketKinds.includes(kind);
  const query: ListQuery = {
    isPending: list.isPending, isError: list.isError, refetch: list.refetch,
    data: list.data?.map((o): ListRow => ({ id: o.id, name: o.name, nameDe: o.nameDe, colour: o.colour, active: o.active, usage: referenced ? o.ticketCount : null })),
  };
  const api: ListApi = {
    save: (id, v) => (id === null ? client.fieldOption.create.mutate({ kind, ...v }) : client.fieldOption.update.mutate({ id, ...v })),
    move: (id, direction) => client.fieldOption.move.mutate({ id, direction }),
    remove: (id) => client.fieldOption.delete.mutate({ id }),
    setActive: (id, active) => client.fieldOption.setActive.mutate({ id, active }),
    refresh: () => queryClient.invalidateQueries(trpc.fieldOption.pathFilter()),
  };
  return (
    <ConfigList
      id={kind}
      query={query}
      api={api}
      texts={{
        title: t(`lists.kind.${kind}`),
        intro: t(`lists.intro.${kind}`),
        usageHeading: t("lists.col.tickets"),
        usage: (n) => (n === 1 ? t("lists.ticketsOne") : t("lists.tickets", { count: n })),
        inUse: (name, n) => (n === 1 ? t("lists.inUseOne", { name }) : t("lists.inUse", { name, count: n })),
        colourRequired: false,
      }}
    />
  );
}

/** B7: six fixed steps; their names come with the app. */
function Priorities() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="priority-title" className="space-y-3">
      <div>
        <h2 id="priority-title" className="text-lg font-semibold">
          {t("lists.kind.priority")}
        </h2>
        <p className="max-w-3xl text-sm text-slate-600">{t("lists.intro.priority")}</p>
      </div>
      <ol className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white text-sm shadow-sm">
        {[0, 1, 2, 3, 4, 5].map((p) => (
          <li key={p} className="flex items-center gap-3 px-4 py-2">
            <span aria-hidden="true" className="w-24 text-amber-500">
              {"★".repeat(p)}
              <span className="text-slate-200">{"★".repeat(5 - p)}</span>
            </span>
            <span className="text-slate-800">{t(`ticketEdit.priority.${p}` as MessageKey)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
