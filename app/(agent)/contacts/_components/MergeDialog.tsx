"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { ContactFlagIcon } from "./ContactFlagIcon";
import { contactTitle, type ContactDetail, type ContactListItem } from "./types";
import { useDebounced } from "./useDebounced";

/**
 * Merging a duplicate (K1), in a modal <dialog>: find the duplicate, choose which of the two
 * stays, read what will happen, confirm. Escape or Cancel closes it; focus starts in the search.
 * When the other contact stays, the page moves to it.
 */
export function MergeDialog({
  contact, onClose, onMerged,
}: { contact: ContactDetail; onClose: () => void; onMerged: (survivorId: number) => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const ref = useRef<HTMLDialogElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const [typed, setTyped] = useState("");
  const query = useDebounced(typed.trim(), 300);
  const [other, setOther] = useState<ContactListItem | null>(null);
  const [keep, setKeep] = useState<"this" | "other">("this");

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    searchRef.current?.focus();
    return () => dialog.close();
  }, []);

  const results = useQuery(trpc.contact.search.queryOptions({ query, page: 1, pageSize: 8 }, { enabled: query.length > 0 }));
  const candidates = (results.data?.items ?? []).filter((c) => c.id !== contact.id);
  const merge = useMutation(
    trpc.contact.merge.mutationOptions({
      onSuccess: (result, vars) => {
        queryClient.removeQueries(trpc.contact.get.queryFilter({ contactId: vars.duplicateId }));
        queryClient.setQueryData(trpc.contact.get.queryKey({ contactId: result.survivor.id }), result.survivor);
        void queryClient.invalidateQueries(trpc.contact.search.queryFilter());
        void queryClient.invalidateQueries(trpc.contact.tickets.queryFilter());
        void queryClient.invalidateQueries(trpc.ticket.pathFilter());
        onMerged(result.survivor.id);
        if (result.survivor.id !== contact.id) router.replace(`/contacts/${result.survivor.id}`);
      },
    }),
  );

  const thisOne = { id: contact.id, title: contactTitle(contact) };
  const otherOne = other ? { id: other.id, title: contactTitle(other) } : null;
  const survivor = keep === "this" ? thisOne : otherOne;
  const duplicate = keep === "this" ? otherOne : thisOne;

  return (
    <dialog
      ref={ref}
      data-testid="merge-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <form noValidate
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (survivor && duplicate) merge.mutate({ survivorId: survivor.id, duplicateId: duplicate.id });
        }}
      >
        <div className="space-y-4 p-5">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {t("contacts.merge.title", { name: thisOne.title })}
          </h2>
          <div>
            <label htmlFor={`${id}-search`} className="block text-sm font-medium text-slate-700">
              {t("contacts.merge.search")}
            </label>
            <input
              ref={searchRef}
              id={`${id}-search`}
              type="search"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              // Enter in the search must not merge: only the Merge button does.
              onKeyDown={(e) => e.key === "Enter" && e.preventDefault()}
              placeholder={t("contacts.search.placeholder")}
              autoComplete="off"
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
            />
          </div>
          <fieldset>
            <legend className="sr-only">{t("contacts.merge.candidates")}</legend>
            <div aria-live="polite" className="text-sm">
              {query && results.isFetching && candidates.length === 0 && <p className="text-slate-500">{t("common.loading")}</p>}
              {query && results.isSuccess && candidates.length === 0 && <p className="text-slate-500">{t("contacts.merge.none")}</p>}
            </div>
            {candidates.length > 0 && (
              <ul className="max-h-56 divide-y divide-slate-100 overflow-auto rounded-md border border-slate-200">
                {candidates.map((c) => (
                  <li key={c.id}>
                    <label className={`flex cursor-pointer items-start gap-2 px-3 py-2 text-sm hover:bg-slate-50 ${other?.id === c.id ? "bg-blue-50" : ""}`}>
                      <input type="radio" name={`${id}-other`} className="mt-1" checked={other?.id === c.id} onChange={() => setOther(c)} />
                      <span className="min-w-0">
                        <span className="flex items-center gap-1.5 font-medium text-slate-900">
                          {contactTitle(c)}
                          <ContactFlagIcon flag={c.flag} note={c.flagNote} />
                        </span>
                        <span className="block break-all text-xs text-slate-500">
                          {[c.email, c.organisationName ?? c.company, c.customerNumber, c.city].filter(Boolean).join(" · ")}
                        </span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          {otherOne && (
            <fieldset className="space-y-1.5">
              <legend className="text-sm font-medium text-slate-700">{t("contacts.merge.keep")}</legend>
              {(["this", "other"] as const).map((k) => (
                <label key={k} className="flex items-center gap-2 text-sm">
                  <input type="radio" name={`${id}-keep`} checked={keep === k} onChange={() => setKeep(k)} />
                  {t("contacts.merge.keepOne", { name: k === "this" ? thisOne.title : otherOne.title })}
                </label>
              ))}
            </fieldset>
          )}
          {survivor && duplicate && (
            <p data-testid="merge-summary" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
              {t("contacts.merge.summary", { duplicate: duplicate.title, survivor: survivor.title })}
            </p>
          )}
          {merge.isError && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {t("contacts.merge.error", { message: errorMessage(merge.error, t("common.error")) })}
            </p>
          )}
        </div>
        <div className="flex justify-end gap-2 rounded-b-xl border-t border-slate-100 bg-slate-50 px-5 py-3">
          <button
            type="button"
            onClick={onClose}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            {t("contacts.merge.cancel")}
          </button>
          <button
            type="submit"
            disabled={!survivor || !duplicate || merge.isPending}
            className="rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-red-700 disabled:opacity-50"
          >
            {merge.isPending ? t("contacts.merge.merging") : t("contacts.merge.confirm")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
