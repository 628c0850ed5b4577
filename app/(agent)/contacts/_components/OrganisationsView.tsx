"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { EmptyState, ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { ContactsTabs } from "./ContactsTabs";
import { OrganisationForm } from "./OrganisationForm";
import { Pagination } from "./Pagination";
import { SearchField } from "./SearchField";
import { PAGE_SIZE } from "./types";
import { useDebounced } from "./useDebounced";

/** Organisations: searched by name, number or address; a new one is added right here. */
export function OrganisationsView() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const query = useDebounced(typed.trim(), 300);
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const list = useQuery(
    trpc.contact.organisations.queryOptions({ query, page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData }),
  );
  const th = "py-2 pr-3 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{t("contacts.title")}</h1>
        {!adding && (
          <button
            type="button"
            onClick={() => setAdding(true)}
            className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-700"
          >
            {t("orgs.new")}
          </button>
        )}
      </div>
      <ContactsTabs current="organisations" />
      {adding && (
        <section aria-labelledby="org-new-title" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="org-new-title" className="mb-3 text-base font-semibold">{t("orgs.new")}</h2>
          <OrganisationForm organisation={null} onCancel={() => setAdding(false)} onSaved={(o) => router.push(`/contacts/organisations/${o.id}`)} />
        </section>
      )}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <SearchField
          id="org-search"
          label={t("orgs.search.label")}
          placeholder={t("orgs.search.placeholder")}
          value={typed}
          onChange={(v) => {
            setTyped(v);
            setPage(1);
          }}
        />
        <p role="status" aria-live="polite" className="text-sm text-slate-500">
          {list.data && t("orgs.count", { count: list.data.total })}
        </p>
      </div>
      <section aria-busy={list.isFetching} className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        {list.isPending ? (
          <LoadingLine />
        ) : list.isError ? (
          <div className="p-4">
            <ErrorState message={t("orgs.loadError")} onRetry={() => list.refetch()} />
          </div>
        ) : list.data.items.length === 0 ? (
          <EmptyState bare message={query ? t("orgs.emptySearch") : t("orgs.empty")} />
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className="w-full min-w-[640px] border-collapse">
                <caption className="sr-only">{t("contacts.tab.organisations")}</caption>
                <thead className="border-b border-slate-200 bg-slate-50">
                  <tr>
                    <th scope="col" className={`${th} pl-4`}>{t("orgs.field.name")}</th>
                    <th scope="col" className={th}>{t("contacts.col.customerNumber")}</th>
                    <th scope="col" className={th}>{t("contacts.col.city")}</th>
                    <th scope="col" className={th}>{t("orgs.col.members")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {list.data.items.map((o) => (
                    <tr key={o.id} data-testid="organisation-row" className="hover:bg-slate-50">
                      <td className="py-2.5 pl-4 pr-3">
                        <Link href={`/contacts/organisations/${o.id}`} className="font-medium text-slate-900 hover:text-blue-700 hover:underline">
                          {o.name}
                        </Link>
                      </td>
                      <td className="py-2.5 pr-3 font-mono text-sm text-slate-700">{o.customerNumber ?? "—"}</td>
                      <td className="py-2.5 pr-3 text-sm text-slate-700">{o.city ?? "—"}</td>
                      <td className="py-2.5 pr-3 text-sm text-slate-700">{o.memberCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} label={t("contacts.page.label")} />
          </>
        )}
      </section>
    </div>
  );
}
