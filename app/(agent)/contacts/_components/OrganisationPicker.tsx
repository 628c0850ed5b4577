"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { useDebounced } from "./useDebounced";

export interface PickedOrganisation {
  id: number;
  name: string;
}

/**
 * Chooses the organisation a contact belongs to: the chosen one with a button to remove it,
 * or a search field with matching organisations as buttons (Tab and Enter pick one).
 */
export function OrganisationPicker({
  id, value, onChange, error, describedBy,
}: {
  id: string;
  value: PickedOrganisation | null;
  onChange: (org: PickedOrganisation | null) => void;
  error?: boolean;
  describedBy?: string;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const listId = useId();
  const [typed, setTyped] = useState("");
  const query = useDebounced(typed.trim(), 250);
  const results = useQuery(
    trpc.contact.organisations.queryOptions({ query, page: 1, pageSize: 8 }, { enabled: !value && query.length > 0, staleTime: 10_000 }),
  );

  if (value) {
    return (
      <div className="mt-1 flex items-center justify-between gap-2 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm">
        <input
          id={id}
          readOnly
          value={value.name}
          data-testid="organisation-chosen"
          aria-describedby={describedBy}
          className="min-w-0 flex-1 border-0 bg-transparent p-0 font-medium text-slate-900 focus:ring-0"
        />
        <button
          type="button"
          onClick={() => onChange(null)}
          className="rounded px-2 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-200"
          aria-label={t("contacts.form.organisationRemove", { name: value.name })}
        >
          {t("contacts.form.remove")}
        </button>
      </div>
    );
  }
  const items = results.data?.items ?? [];
  return (
    <div>
      <input
        id={id}
        type="search"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={(e) => {
          // Enter picks the only match instead of saving the contact form around it.
          if (e.key !== "Enter") return;
          e.preventDefault();
          if (items.length === 1) {
            onChange({ id: items[0].id, name: items[0].name });
            setTyped("");
          }
        }}
        placeholder={t("contacts.form.organisationSearch")}
        autoComplete="off"
        aria-invalid={error || undefined}
        aria-describedby={describedBy}
        aria-controls={listId}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500"
      />
      <div id={listId} aria-live="polite">
        {query && results.isFetching && items.length === 0 && <p className="mt-1 text-xs text-slate-500">{t("common.loading")}</p>}
        {query && results.isSuccess && items.length === 0 && <p className="mt-1 text-xs text-slate-500">{t("contacts.form.organisationNone")}</p>}
        {items.length > 0 && (
          <ul className="mt-1 max-h-48 overflow-auto rounded-md border border-slate-200 bg-white text-sm shadow-sm">
            {items.map((o) => (
              <li key={o.id}>
                <button
                  type="button"
                  onClick={() => {
                    onChange({ id: o.id, name: o.name });
                    setTyped("");
                  }}
                  className="block w-full px-3 py-1.5 text-left hover:bg-blue-50 focus:bg-blue-50"
                >
                  <span className="font-medium text-slate-900">{o.name}</span>
                  {(o.customerNumber || o.city) && (
                    <span className="ml-2 text-xs text-slate-500">{[o.customerNumber, o.city].filter(Boolean).join(" · ")}</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
