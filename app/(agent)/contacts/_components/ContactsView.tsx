"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { EmptyState, ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { ContactFlagIcon } from "./ContactFlagIcon";
import { ContactsTabs } from "./ContactsTabs";
import { Pagination } from "./Pagination";
import { SearchField } from "./SearchField";
import { PAGE_SIZE, contactTitle, type ContactListItem } from "./types";
import { useDebounced } from "./useDebounced";

const pageOf = (v: string | null) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : 1;
};

/** All contacts, searched by any field as one types; query and page live in the URL. */
export function ContactsView() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const params = useSearchParams();
  const [typed, setTyped] = useState(() => params.get("q") ?? "");
  const [page, setPage] = useState(() => pageOf(params.get("page")));
  const query = useDebounced(typed.trim(), 300);

  // The settled query and the page are kept in the address, for reloads and links. Written with
  // history.replaceState, not a router navigation: a late one would undo a click elsewhere.
  useEffect(() => {
    const sp = new URLSearchParams();
    if (query) sp.set("q", query);
    if (page > 1) sp.set("page", String(page));
    const url = sp.size ? `/contacts?${sp}` : "/contacts";
    if (window.location.pathname === "/contacts" && window.location.pathname + window.location.search !== url) {
      window.history.replaceState(window.history.state, "", url);
    }
  }, [query, page]);

  const list = useQuery(
    trpc.contact.search.queryOptions({ query, page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData, staleTime: 5_000 }),
  );
  const total = list.data?.total ?? 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{t("contacts.title")}</h1>
        <Link
          href="/contacts/new"
          className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-700"
        >
          {t("contacts.new")}
        </Link>
      </div>
      <ContactsTabs current="contacts" />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <SearchField
          id="contact-search"
          label={t("contacts.search.label")}
          placeholder={t("contacts.search.placeholder")}
          hint={t("contacts.search.hint")}
          value={typed}
          onChange={(v) => {
            setTyped(v);
            setPage(1);
          }}
        />
        <p role="status" aria-live="polite" className="text-sm text-slate-500" data-testid="contact-count">
          {list.data && (total === 1 ? t("contacts.countOne") : t("contacts.count", { count: total }))}
        </p>
      </div>
      <section aria-busy={list.isFetching} className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        {list.isPending ? (
          <LoadingLine />
        ) : list.isError ? (
          <div className="p-4">
            <ErrorState message={t("contacts.loadError")} onRetry={() => list.refetch()} />
          </div>
        ) : list.data.items.length === 0 ? (
          <EmptyState bare message={query ? t("contacts.emptySearch") : t("contacts.empty")} />
        ) : (
          <>
            <ContactTable contacts={list.data.items} />
            <Pagination page={page} pageSize={PAGE_SIZE} total={total} onPage={setPage} label={t("contacts.page.label")} />
          </>
        )}
      </section>
    </div>
  );
}

function ContactTable({ contacts }: { contacts: ContactListItem[] }) {
  const { t } = useI18n();
  const th = "py-2 pr-3 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[760px] border-collapse">
        <caption className="sr-only">{t("contacts.title")}</caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            <th scope="col" className={`${th} pl-4`}>{t("contacts.col.name")}</th>
            <th scope="col" className={th}>{t("contacts.col.email")}</th>
            <th scope="col" className={th}>{t("contacts.col.company")}</th>
            <th scope="col" className={th}>{t("contacts.col.customerNumber")}</th>
            <th scope="col" className={th}>{t("contacts.col.city")}</th>
            <th scope="col" className={th}>{t("contacts.col.phone")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {contacts.map((c) => (
            <tr key={c.id} data-testid="contact-row" className="hover:bg-slate-50">
              <td className="py-2.5 pl-4 pr-3">
                <div className="flex items-center gap-1.5">
                  <Link href={`/contacts/${c.id}`} className="font-medium text-slate-900 hover:text-blue-700 hover:underline">
                    {contactTitle(c)}
                  </Link>
                  <ContactFlagIcon flag={c.flag} note={c.flagNote} />
                </div>
                {c.customerClass && <div className="text-xs text-slate-500">{c.customerClass}</div>}
              </td>
              <td className="py-2.5 pr-3 text-sm text-slate-700">
                <span className="break-all">{c.email}</span>
                {c.emailCount > 1 && (
                  <span className="ml-1.5 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600" title={t("contacts.moreAddresses", { count: c.emailCount - 1 })}>
                    +{c.emailCount - 1}
                    <span className="sr-only"> {t("contacts.moreAddresses", { count: c.emailCount - 1 })}</span>
                  </span>
                )}
              </td>
              <td className="py-2.5 pr-3 text-sm text-slate-700">
                {c.organisationName ?? c.company ?? "—"}
                {c.organisationName && c.company && c.company !== c.organisationName && (
                  <div className="text-xs text-slate-500">{c.company}</div>
                )}
              </td>
              <td className="whitespace-nowrap py-2.5 pr-3 font-mono text-sm text-slate-700">{c.customerNumber ?? "—"}</td>
              <td className="py-2.5 pr-3 text-sm text-slate-700">{c.city ?? "—"}</td>
              <td className="whitespace-nowrap py-2.5 pr-3 text-sm text-slate-700">{c.phone ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
