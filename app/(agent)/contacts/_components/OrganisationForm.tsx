"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/Field";
import { errorCode, errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import type { OrganisationItem } from "./types";

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500";

type Key = "name" | "customerNumber" | "street" | "postalCode" | "city" | "country" | "notes";
const initial = (o: OrganisationItem | null): Record<Key, string> => ({
  name: o?.name ?? "", customerNumber: o?.customerNumber ?? "", street: o?.street ?? "", postalCode: o?.postalCode ?? "",
  city: o?.city ?? "", country: o?.country ?? "", notes: o?.notes ?? "",
});

/** Create or edit an organisation: name, customer number, address and notes. */
export function OrganisationForm({
  organisation, onSaved, onCancel,
}: { organisation: OrganisationItem | null; onSaved?: (o: OrganisationItem) => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState(() => initial(organisation));
  const [version, setVersion] = useState(organisation?.version ?? 1);
  const done = (saved: OrganisationItem) => {
    setVersion(saved.version);
    void queryClient.invalidateQueries(trpc.contact.pathFilter());
    onSaved?.(saved);
  };
  const create = useMutation(trpc.contact.createOrganisation.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.contact.updateOrganisation.mutationOptions({ onSuccess: done }));
  const save = organisation ? update : create;
  const errors = fieldErrors(save.error);
  const hasFieldErrors = Object.values(errors).some(Boolean);
  const stale = errorCode(save.error) === "CONFLICT" && !hasFieldErrors;
  useFocusFirstInvalid(formRef, save.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (organisation) update.mutate({ ...form, id: organisation.id, version });
    else create.mutate(form);
  }
  const F = (key: Key, label: string, span: string) => (
    <Field id={`org-${key}`} label={label} error={errors[key]} className={span}>
      {(a) =>
        key === "notes" ? (
          <textarea {...a} rows={3} value={form[key]} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} className={input} />
        ) : (
          <input {...a} type="text" autoComplete="off" value={form[key]} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} className={input} />
        )
      }
    </Field>
  );
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t(organisation ? "orgs.form.editLabel" : "orgs.form.newLabel")} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-6">
        {F("name", t("orgs.field.name"), "sm:col-span-4")}
        {F("customerNumber", t("contacts.field.customerNumber"), "sm:col-span-2")}
        {F("street", t("contacts.field.street"), "sm:col-span-6")}
        {F("postalCode", t("contacts.field.postalCode"), "sm:col-span-2")}
        {F("city", t("contacts.field.city"), "sm:col-span-2")}
        {F("country", t("contacts.field.country"), "sm:col-span-2")}
        {F("notes", t("contacts.field.notes"), "sm:col-span-6")}
      </div>
      <div className="flex flex-wrap items-center justify-end gap-3">
        <p role="status" className="text-sm">
          {save.isSuccess && organisation && <span className="text-emerald-700">{t("contacts.form.saved")}</span>}
          {save.isError && (
            <span className="text-red-700">
              {hasFieldErrors ? t("common.fixFields") : stale ? t("contacts.form.stale") : t("contacts.form.error", { message: errorMessage(save.error, t("common.error")) })}
            </span>
          )}
        </p>
        {onCancel && (
          <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
            {t("orgs.form.cancel")}
          </button>
        )}
        <button type="submit" disabled={save.isPending} className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60">
          {save.isPending ? t("contacts.form.saving") : t(organisation ? "contacts.form.save" : "orgs.form.create")}
        </button>
      </div>
    </form>
  );
}
