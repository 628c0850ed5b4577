"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { Field } from "@/app/_components/Field";
import { errorCode, errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import { ContactFlagIcon } from "./ContactFlagIcon";
import { OrganisationPicker, type PickedOrganisation } from "./OrganisationPicker";
import { contactFlags, salutations, type ContactDetail, type ContactFlag, type ContactSaveInput } from "./types";

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm disabled:bg-slate-50 aria-[invalid=true]:border-red-500";
const secondaryButton =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-50";

type TextField =
  | "name" | "firstName" | "lastName" | "company" | "customerNumber" | "customerClass" | "phone" | "mobile"
  | "street" | "postalCode" | "city" | "country" | "notes" | "flagNote";

interface EmailRow {
  key: number;
  email: string;
  primary: boolean;
}

interface FormState extends Record<TextField, string> {
  salutation: "" | (typeof salutations)[number];
  organisation: PickedOrganisation | null;
  flag: ContactFlag;
  portalAccess: boolean;
  emails: EmailRow[];
}

let rowKey = 0;
const row = (email = "", primary = false): EmailRow => ({ key: ++rowKey, email, primary });

function initialState(c: ContactDetail | null): FormState {
  const s = (v: string | null | undefined) => v ?? "";
  return {
    name: s(c?.name), firstName: s(c?.firstName), lastName: s(c?.lastName), company: s(c?.company),
    customerNumber: s(c?.customerNumber), customerClass: s(c?.customerClass), phone: s(c?.phone), mobile: s(c?.mobile),
    street: s(c?.street), postalCode: s(c?.postalCode), city: s(c?.city), country: s(c?.country), notes: s(c?.notes),
    flagNote: s(c?.flagNote),
    salutation: c?.salutation ?? "",
    organisation: c?.organisationId && c.organisationName ? { id: c.organisationId, name: c.organisationName } : null,
    flag: c?.flag ?? "none",
    portalAccess: c?.portalAccess ?? false,
    emails: c ? c.emails.map((e) => row(e.email, e.isPrimary)) : [row("", true)],
  };
}

function toInput(f: FormState): ContactSaveInput {
  return {
    name: f.name, salutation: f.salutation || null, firstName: f.firstName, lastName: f.lastName, company: f.company,
    organisationId: f.organisation?.id ?? null, customerNumber: f.customerNumber, customerClass: f.customerClass,
    phone: f.phone, mobile: f.mobile, street: f.street, postalCode: f.postalCode, city: f.city, country: f.country,
    notes: f.notes, flag: f.flag, flagNote: f.flag === "none" ? null : f.flagNote, portalAccess: f.portalAccess, // kept as stored: no portal exists yet, so the form does not offer it
    emails: f.emails.map(({ email, primary }) => ({ email, primary })),
  };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      <div className="grid gap-4 sm:grid-cols-6">{children}</div>
    </fieldset>
  );
}

/**
 * Create or edit a contact as a whole: names, addresses (one primary), company and
 * organisation, phones, postal address, classification, flag and notes. Field errors show
 * beside their fields; a save over a colleague's newer change is refused with a reload offer.
 */
export function ContactForm({ contact }: { contact: ContactDetail | null }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<FormState>(() => initialState(contact));
  /** The version this form was loaded (or last saved) with: the server refuses a save over a newer one. */
  const [version, setVersion] = useState(contact?.version ?? 1);
  const classes = useQuery(trpc.contact.customerClasses.queryOptions(undefined, { staleTime: 5 * 60_000 }));

  const refreshLists = () => {
    void queryClient.invalidateQueries(trpc.contact.search.queryFilter());
    void queryClient.invalidateQueries(trpc.contact.customerClasses.queryFilter());
    void queryClient.invalidateQueries(trpc.ticket.pathFilter());
  };
  const create = useMutation(
    trpc.contact.create.mutationOptions({
      onSuccess: (saved) => {
        refreshLists();
        router.push(`/contacts/${saved.id}`);
      },
    }),
  );
  const update = useMutation(
    trpc.contact.update.mutationOptions({
      onSuccess: (saved) => {
        setVersion(saved.version);
        setForm(initialState(saved));
        queryClient.setQueryData(trpc.contact.get.queryKey({ contactId: saved.id }), saved);
        refreshLists();
      },
    }),
  );
  const save = contact ? update : create;
  const errors = fieldErrors(save.error);
  const hasFieldErrors = Object.values(errors).some(Boolean);
  const stale = errorCode(save.error) === "CONFLICT" && !hasFieldErrors;
  useFocusFirstInvalid(formRef, save.error);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (save.isSuccess) save.reset();
  };
  const text = (key: TextField) => (e: { target: { value: string } }) => set(key, e.target.value);
  const setEmail = (key: number, patch: Partial<EmailRow>) =>
    set("emails", form.emails.map((r) => (r.key === key ? { ...r, ...patch } : patch.primary ? { ...r, primary: false } : r)));
  const removeEmail = (key: number) => {
    const rest = form.emails.filter((r) => r.key !== key);
    if (!rest.some((r) => r.primary) && rest.length) rest[0] = { ...rest[0], primary: true };
    set("emails", rest);
  };
  const addEmail = () => {
    set("emails", [...form.emails, row()]);
    // Focus the new address field once it is there.
    setTimeout(() => formRef.current?.querySelector<HTMLInputElement>(`#contact-email-${form.emails.length}`)?.focus(), 0);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const body = toInput(form);
    if (contact) update.mutate({ ...body, id: contact.id, version });
    else create.mutate(body);
  }

  const derived = [form.firstName.trim(), form.lastName.trim()].filter(Boolean).join(" ");
  const F = (key: TextField, label: string, span: string, extra: { hint?: string; type?: string; autoComplete?: string; placeholder?: string; list?: string } = {}) => (
    <Field id={`contact-${key}`} label={label} hint={extra.hint} error={errors[key]} className={span}>
      {(a) => (
        <input
          {...a}
          type={extra.type ?? "text"}
          value={form[key]}
          onChange={text(key)}
          autoComplete={extra.autoComplete ?? "off"}
          placeholder={extra.placeholder}
          list={extra.list}
          className={input}
        />
      )}
    </Field>
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-5" aria-label={t(contact ? "contacts.form.editLabel" : "contacts.form.newLabel")}>
      <Section title={t("contacts.form.person")}>
        <Field id="contact-salutation" label={t("contacts.field.salutation")} error={errors.salutation} className="sm:col-span-2">
          {(a) => (
            <select {...a} value={form.salutation} onChange={(e) => set("salutation", e.target.value as FormState["salutation"])} className={input}>
              <option value="">{t("contacts.salutation.none")}</option>
              {salutations.map((s) => (
                <option key={s} value={s}>
                  {t(`contacts.salutation.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {F("firstName", t("contacts.field.firstName"), "sm:col-span-2", { autoComplete: "off" })}
        {F("lastName", t("contacts.field.lastName"), "sm:col-span-2")}
        {F("name", t("contacts.field.name"), "sm:col-span-6", { hint: t("contacts.field.nameHint"), placeholder: derived || undefined })}
      </Section>

      <Section title={t("contacts.form.emails")}>
        <div className="sm:col-span-6">
          {errors.emails && (
            <p id="contact-emails-error" className="mb-2 text-sm text-red-700">
              {errors.emails}
            </p>
          )}
          <ul className="space-y-3" aria-describedby={errors.emails ? "contact-emails-error" : undefined}>
            {form.emails.map((r, i) => {
              const err = errors[`emails.${i}`];
              return (
                <li key={r.key} data-testid="contact-email-row" className="grid items-start gap-2 sm:grid-cols-[1fr_auto_auto]">
                  <div>
                    <label htmlFor={`contact-email-${i}`} className="sr-only">
                      {t("contacts.field.emailN", { n: i + 1 })}
                    </label>
                    <input
                      id={`contact-email-${i}`}
                      type="email"
                      value={r.email}
                      onChange={(e) => setEmail(r.key, { email: e.target.value })}
                      aria-invalid={err ? true : undefined}
                      aria-describedby={err ? `contact-email-${i}-error` : undefined}
                      autoComplete="off"
                      spellCheck={false}
                      className={`${input} mt-0`}
                    />
                    {err && (
                      <p id={`contact-email-${i}-error`} className="mt-1 text-sm text-red-700">
                        {err}
                      </p>
                    )}
                  </div>
                  <label className="flex items-center gap-1.5 py-2 text-sm text-slate-700">
                    <input
                      type="radio"
                      name="contact-primary-email"
                      checked={r.primary}
                      onChange={() => setEmail(r.key, { primary: true })}
                      aria-label={t("contacts.field.primaryN", { n: i + 1 })}
                    />
                    <span aria-hidden="true">{t("contacts.field.primary")}</span>
                  </label>
                  <button
                    type="button"
                    onClick={() => removeEmail(r.key)}
                    disabled={form.emails.length === 1}
                    className={secondaryButton}
                    aria-label={t("contacts.form.removeEmail", { email: r.email || t("contacts.field.emailN", { n: i + 1 }) })}
                  >
                    {t("contacts.form.remove")}
                  </button>
                </li>
              );
            })}
          </ul>
          <button type="button" onClick={addEmail} className={`${secondaryButton} mt-3`}>
            {t("contacts.form.addEmail")}
          </button>
          <p className="mt-2 text-xs text-slate-500">{t("contacts.form.emailsHint")}</p>
        </div>
      </Section>

      <Section title={t("contacts.form.company")}>
        {F("company", t("contacts.field.company"), "sm:col-span-3", { hint: t("contacts.field.companyHint") })}
        <Field id="contact-organisation" label={t("contacts.field.organisation")} error={errors.organisationId} className="sm:col-span-3">
          {(a) => (
            <OrganisationPicker
              id={a.id}
              value={form.organisation}
              onChange={(o) => set("organisation", o)}
              error={!!a["aria-invalid"]}
              describedBy={a["aria-describedby"]}
            />
          )}
        </Field>
      </Section>

      <Section title={t("contacts.form.reach")}>
        {F("phone", t("contacts.field.phone"), "sm:col-span-3", { type: "tel" })}
        {F("mobile", t("contacts.field.mobile"), "sm:col-span-3", { type: "tel" })}
        {F("street", t("contacts.field.street"), "sm:col-span-6")}
        {F("postalCode", t("contacts.field.postalCode"), "sm:col-span-2")}
        {F("city", t("contacts.field.city"), "sm:col-span-2")}
        {F("country", t("contacts.field.country"), "sm:col-span-2")}
      </Section>

      <Section title={t("contacts.form.classification")}>
        {F("customerNumber", t("contacts.field.customerNumber"), "sm:col-span-3")}
        {F("customerClass", t("contacts.field.customerClass"), "sm:col-span-3", { list: "contact-classes", hint: t("contacts.field.customerClassHint") })}
        <datalist id="contact-classes">
          {(classes.data ?? []).map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <Field id="contact-notes" label={t("contacts.field.notes")} error={errors.notes} className="sm:col-span-6">
          {(a) => <textarea {...a} rows={3} value={form.notes} onChange={text("notes")} className={input} />}
        </Field>
      </Section>

      <Section title={t("contacts.form.flag")}>
        <fieldset className="sm:col-span-6">
          <legend className="sr-only">{t("contacts.form.flag")}</legend>
          <div className="flex flex-wrap gap-4">
            {contactFlags.map((f) => (
              <label key={f} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="radio" name="contact-flag" value={f} checked={form.flag === f} onChange={() => set("flag", f)} />
                <ContactFlagIcon flag={f} decorative />
                {t(`contacts.flagChoice.${f}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {form.flag !== "none" && (
          <Field id="contact-flagNote" label={t("contacts.field.flagNote")} error={errors.flagNote} className="sm:col-span-6">
            {(a) => <textarea {...a} rows={2} value={form.flagNote} onChange={text("flagNote")} className={input} />}
          </Field>
        )}
      </Section>

      {/* The save bar stays in view while one scrolls through the long form. */}
      <div className="sticky bottom-0 z-10 -mx-2 flex flex-wrap items-center justify-end gap-3 rounded-lg border border-slate-200 bg-white/95 px-3 py-2 shadow-md backdrop-blur">
        <p role="status" className="text-sm">
          {save.isSuccess && contact && <span className="text-emerald-700">{t("contacts.form.saved")}</span>}
          {save.isError && (
            <span className="text-red-700">
              {hasFieldErrors ? t("common.fixFields") : stale ? t("contacts.form.stale") : t("contacts.form.error", { message: errorMessage(save.error, t("common.error")) })}
            </span>
          )}
        </p>
        {stale && (
          <button type="button" className={secondaryButton} onClick={() => window.location.reload()}>
            {t("contacts.form.reload")}
          </button>
        )}
        <button
          type="submit"
          disabled={save.isPending}
          className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60"
        >
          {save.isPending ? t("contacts.form.saving") : t(contact ? "contacts.form.save" : "contacts.form.create")}
        </button>
      </div>
    </form>
  );
}
