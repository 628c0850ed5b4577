"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { errorCode, errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { ContactFlagIcon } from "./ContactFlagIcon";
import { OrganisationForm } from "./OrganisationForm";
import { Pagination } from "./Pagination";
import { PAGE_SIZE, contactTitle } from "./types";

export function OrganisationDetailView() {
  const params = useParams<{ id: string }>();
  const organisationId = Number(params.id);
  const { t } = useI18n();
  if (!Number.isInteger(organisationId) || organisationId <= 0) return <ErrorState message={t("orgs.notFound")} />;
  return <OrganisationScreen key={organisationId} organisationId={organisationId} />;
}

/** One organisation: its form, its members, and deleting it (members stay, without it). */
function OrganisationScreen({ organisationId }: { organisationId: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const org = useQuery(trpc.contact.organisation.queryOptions({ organisationId }));
  const [page, setPage] = useState(1);
  const members = useQuery(trpc.contact.search.queryOptions({ query: "", organisationId, page, pageSize: PAGE_SIZE }));
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.contact.deleteOrganisation.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.contact.pathFilter());
        router.push("/contacts/organisations");
      },
    }),
  );

  if (org.isPending) return <LoadingLine />;
  if (org.isError) {
    const code = errorCode(org.error);
    return code === "NOT_FOUND" || code === "BAD_REQUEST" ? (
      <ErrorState message={t("orgs.notFound")} />
    ) : (
      <ErrorState message={t("orgs.loadError")} onRetry={() => org.refetch()} />
    );
  }
  const o = org.data;
  return (
    <div className="space-y-4">
      <Link href="/contacts/organisations" className="text-sm text-blue-700 hover:underline">
        ← {t("orgs.back")}
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">{o.name}</h1>
      <div className="grid gap-6 lg:grid-cols-3">
        <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm lg:col-span-2" aria-label={t("orgs.form.editLabel")}>
          <OrganisationForm organisation={o} />
          <div className="mt-6 border-t border-slate-100 pt-4">
            {confirming ? (
              <div role="alertdialog" aria-labelledby="org-delete-q" className="flex flex-wrap items-center gap-3">
                <p id="org-delete-q" className="text-sm text-slate-800">
                  {t("orgs.deleteConfirm", { name: o.name, count: o.memberCount })}
                </p>
                <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
                  {t("orgs.form.cancel")}
                </button>
                <button
                  type="button"
                  onClick={() => remove.mutate({ organisationId: o.id })}
                  disabled={remove.isPending}
                  className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60"
                >
                  {t("orgs.delete")}
                </button>
                {remove.isError && <p role="alert" className="text-sm text-red-700">{errorMessage(remove.error, t("common.error"))}</p>}
              </div>
            ) : (
              <button type="button" onClick={() => setConfirming(true)} className="text-sm font-medium text-red-700 hover:underline">
                {t("orgs.delete")}
              </button>
            )}
          </div>
        </section>
        <section aria-labelledby="org-members-title" className="rounded-xl border border-slate-200 bg-white shadow-sm">
          <h2 id="org-members-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-800">
            {t("orgs.members", { count: members.data?.total ?? o.memberCount })}
          </h2>
          {members.isPending ? (
            <LoadingLine />
          ) : members.isError ? (
            <div className="p-3">
              <ErrorState message={t("contacts.loadError")} onRetry={() => members.refetch()} />
            </div>
          ) : members.data.items.length === 0 ? (
            <p className="p-4 text-sm text-slate-500">{t("orgs.noMembers")}</p>
          ) : (
            <>
              <ul className="divide-y divide-slate-100">
                {members.data.items.map((c) => (
                  <li key={c.id} className="px-4 py-2.5 text-sm">
                    <div className="flex items-center gap-1.5">
                      <Link href={`/contacts/${c.id}`} className="font-medium text-slate-900 hover:text-blue-700 hover:underline">
                        {contactTitle(c)}
                      </Link>
                      <ContactFlagIcon flag={c.flag} note={c.flagNote} />
                    </div>
                    <div className="break-all text-xs text-slate-500">{c.email}</div>
                  </li>
                ))}
              </ul>
              <Pagination page={page} pageSize={PAGE_SIZE} total={members.data.total} onPage={setPage} label={t("contacts.page.label")} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
