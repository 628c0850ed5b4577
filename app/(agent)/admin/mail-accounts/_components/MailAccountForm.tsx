"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { localName } from "@/app/_lib/local-name";
import { Field } from "@/app/_components/Field";
import { useTRPC } from "@/app/_lib/trpc";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import { TestResult } from "./TestResult";
import {
  afterImportActions, encryptions, MB,
  type AfterImport, type MailAccountSaveInput, type MailAccountView, type MailEncryption, type QueueWithStatuses,
} from "./types";

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm disabled:bg-slate-50 aria-[invalid=true]:border-red-500";
const secondaryButton =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60";

interface FormState {
  address: string;
  senderName: string;
  replyTo: string;
  active: boolean;
  imapHost: string;
  imapPort: string;
  imapEncryption: MailEncryption;
  imapUser: string;
  imapPassword: string;
  smtpHost: string;
  smtpPort: string;
  smtpEncryption: MailEncryption;
  smtpUser: string;
  smtpPassword: string;
  queueId: string;
  statusId: string;
  priority: string;
  afterImport: AfterImport;
  afterImportFolder: string;
  maxMessageMb: string;
}

const imapDefaultPort: Record<MailEncryption, string> = { ssl: "993", starttls: "143", none: "143" };
const smtpDefaultPort: Record<MailEncryption, string> = { ssl: "465", starttls: "587", none: "25" };

function initialState(a: MailAccountView | null): FormState {
  if (!a) {
    return {
      address: "", senderName: "", replyTo: "", active: true,
      imapHost: "", imapPort: "993", imapEncryption: "ssl", imapUser: "", imapPassword: "",
      smtpHost: "", smtpPort: "587", smtpEncryption: "starttls", smtpUser: "", smtpPassword: "",
      queueId: "", statusId: "", priority: "", afterImport: "mark_seen", afterImportFolder: "", maxMessageMb: "25",
    };
  }
  return {
    address: a.address, senderName: a.senderName ?? "", replyTo: a.replyTo ?? "", active: a.active,
    imapHost: a.imapHost, imapPort: String(a.imapPort), imapEncryption: a.imapEncryption, imapUser: a.imapUser, imapPassword: "",
    smtpHost: a.smtpHost, smtpPort: String(a.smtpPort), smtpEncryption: a.smtpEncryption, smtpUser: a.smtpUser ?? "", smtpPassword: "",
    queueId: a.queueId === null ? "" : String(a.queueId),
    statusId: a.statusId === null ? "" : String(a.statusId),
    priority: a.priority === null ? "" : String(a.priority),
    afterImport: a.afterImport, afterImportFolder: a.afterImportFolder ?? "",
    maxMessageMb: String(Math.round((a.maxMessageBytes / MB) * 10) / 10),
  };
}

/** A number field's text as the API wants it: NaN for garbage, so the server names the field. */
const num = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));

function toInput(f: FormState): MailAccountSaveInput {
  return {
    address: f.address, senderName: f.senderName, replyTo: f.replyTo, active: f.active,
    imapHost: f.imapHost, imapPort: num(f.imapPort), imapEncryption: f.imapEncryption, imapUser: f.imapUser, imapPassword: f.imapPassword,
    smtpHost: f.smtpHost, smtpPort: num(f.smtpPort), smtpEncryption: f.smtpEncryption, smtpUser: f.smtpUser, smtpPassword: f.smtpPassword,
    queueId: f.queueId ? Number(f.queueId) : null,
    statusId: f.statusId ? Number(f.statusId) : null,
    priority: f.priority === "" ? null : Number(f.priority),
    afterImport: f.afterImport,
    afterImportFolder: f.afterImport === "move" ? f.afterImportFolder : null,
    maxMessageBytes: Math.round(num(f.maxMessageMb) * MB),
  };
}

function Section({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <fieldset className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      <div className="grid gap-4 sm:grid-cols-6">{children}</div>
      {footer && <div className="mt-4 border-t border-slate-100 pt-4">{footer}</div>}
    </fieldset>
  );
}

/**
 * Create or edit a mail account. Passwords are never shown: on edit their inputs stay empty
 * ("unchanged") and a blank one keeps the stored password. "Test fetch" / "Test send" use
 * the values in the form, saved or not.
 */
export function MailAccountForm({ account, queues }: { account: MailAccountView | null; queues: QueueWithStatuses[] }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<FormState>(() => initialState(account));
  const [confirmDelete, setConfirmDelete] = useState(false);

  const done = () => {
    void queryClient.invalidateQueries(trpc.mailAccount.list.queryFilter());
    if (account) void queryClient.invalidateQueries(trpc.mailAccount.get.queryFilter({ id: account.id }));
    router.push("/admin/mail-accounts");
  };
  const create = useMutation(trpc.mailAccount.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.mailAccount.update.mutationOptions({ onSuccess: done }));
  const remove = useMutation(trpc.mailAccount.delete.mutationOptions({ onSuccess: done }));
  const testFetch = useMutation(trpc.mailAccount.testFetch.mutationOptions());
  const testSend = useMutation(trpc.mailAccount.testSend.mutationOptions());
  const save = account ? update : create;

  const saveErrors = fieldErrors(save.error);
  const errors = { ...fieldErrors(testFetch.error), ...fieldErrors(testSend.error), ...saveErrors };
  const hasSaveFieldErrors = Object.values(saveErrors).some(Boolean);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: keyof FormState) => (e: { target: { value: string } }) => set(key, e.target.value as never);
  /** A port still at the old encryption's default follows the new one. */
  const setEncryption = (side: "imap" | "smtp", next: MailEncryption) =>
    setForm((f) => {
      const defaults = side === "imap" ? imapDefaultPort : smtpDefaultPort;
      const portKey = side === "imap" ? "imapPort" : "smtpPort";
      const encKey = side === "imap" ? "imapEncryption" : "smtpEncryption";
      const port = f[portKey] === defaults[f[encKey]] ? defaults[next] : f[portKey];
      return { ...f, [encKey]: next, [portKey]: port };
    });

  useFocusFirstInvalid(formRef, create.error ?? update.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    const body = toInput(form);
    if (account) update.mutate({ ...body, id: account.id });
    else create.mutate(body);
  }

  function runTestFetch() {
    testFetch.mutate({
      accountId: account?.id, imapHost: form.imapHost, imapPort: num(form.imapPort), imapEncryption: form.imapEncryption,
      imapUser: form.imapUser, imapPassword: form.imapPassword,
    });
  }
  function runTestSend() {
    testSend.mutate({
      accountId: account?.id, smtpHost: form.smtpHost, smtpPort: num(form.smtpPort), smtpEncryption: form.smtpEncryption,
      smtpUser: form.smtpUser, smtpPassword: form.smtpPassword,
    });
  }

  const queue = queues.find((q) => String(q.id) === form.queueId);
  const passwordPlaceholder = account ? t("mailAccounts.form.unchanged") : undefined;

  const serverFields = (side: "imap" | "smtp") => {
    const k = (name: "Host" | "Port" | "Encryption" | "User" | "Password") => `${side}${name}` as const;
    const has = side === "imap" ? account?.hasImapPassword : account?.hasSmtpPassword;
    return (
      <>
        <Field id={`ma-${side}-host`} label={t("mailAccounts.form.host")} error={errors[k("Host")]} className="sm:col-span-3">
          {(a) => (
            <input {...a} type="text" autoComplete="off" spellCheck={false} value={form[k("Host")]} onChange={text(k("Host"))} className={input} placeholder={side === "imap" ? "imap.example.com" : "smtp.example.com"} />
          )}
        </Field>
        <Field id={`ma-${side}-encryption`} label={t("mailAccounts.form.encryption")} error={errors[k("Encryption")]} className="sm:col-span-2">
          {(a) => (
            <select {...a} value={form[k("Encryption")]} onChange={(e) => setEncryption(side, e.target.value as MailEncryption)} className={input}>
              {encryptions.map((enc) => (
                <option key={enc} value={enc}>
                  {t(`mailAccounts.form.enc.${enc}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`ma-${side}-port`} label={t("mailAccounts.form.port")} error={errors[k("Port")]} className="sm:col-span-1">
          {(a) => <input {...a} type="number" inputMode="numeric" min={1} max={65535} value={form[k("Port")]} onChange={text(k("Port"))} className={input} />}
        </Field>
        <Field
          id={`ma-${side}-user`}
          label={t("mailAccounts.form.user")}
          hint={side === "smtp" ? t("mailAccounts.form.smtpUserHint") : undefined}
          error={errors[k("User")]}
          className="sm:col-span-3"
        >
          {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} value={form[k("User")]} onChange={text(k("User"))} className={input} />}
        </Field>
        <Field
          id={`ma-${side}-password`}
          label={t("mailAccounts.form.password")}
          hint={account && !has ? t("mailAccounts.form.noPasswordStored") : undefined}
          error={errors[k("Password")]}
          className="sm:col-span-3"
        >
          {(a) => (
            <input {...a} type="password" autoComplete="new-password" value={form[k("Password")]} onChange={text(k("Password"))} placeholder={has ? passwordPlaceholder : undefined} className={input} />
          )}
        </Field>
      </>
    );
  };

  const testFooter = (side: "imap" | "smtp") => {
    const test = side === "imap" ? testFetch : testSend;
    const resultId = `ma-${side}-test-result`;
    return (
      <div className="flex flex-wrap items-start gap-3">
        <button type="button" className={secondaryButton} disabled={test.isPending} onClick={side === "imap" ? runTestFetch : runTestSend} aria-describedby={resultId}>
          {side === "imap" ? t("mailAccounts.testFetch") : t("mailAccounts.testSend")}
        </button>
        <div className="min-w-0 flex-1 pt-1.5">
          {test.isIdle ? (
            <p id={resultId} className="text-xs text-slate-500">
              {t("mailAccounts.form.testHint")}
            </p>
          ) : (
            <TestResult id={resultId} test={test} />
          )}
        </div>
      </div>
    );
  };

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="space-y-6" aria-label={account ? t("mailAccounts.form.editTitle", { address: account.address }) : t("mailAccounts.form.newTitle")}>
      <Section title={t("mailAccounts.form.section.mailbox")}>
        <Field id="ma-address" label={t("mailAccounts.form.address")} error={errors.address} className="sm:col-span-3">
          {(a) => <input {...a} type="email" autoComplete="off" value={form.address} onChange={text("address")} className={input} placeholder="support@example.com" />}
        </Field>
        <Field id="ma-sender-name" label={t("mailAccounts.form.senderName")} hint={t("mailAccounts.form.optional")} error={errors.senderName} className="sm:col-span-3">
          {(a) => <input {...a} type="text" autoComplete="off" value={form.senderName} onChange={text("senderName")} className={input} />}
        </Field>
        <Field id="ma-reply-to" label={t("mailAccounts.form.replyTo")} hint={t("mailAccounts.form.replyToHint")} error={errors.replyTo} className="sm:col-span-3">
          {(a) => <input {...a} type="email" autoComplete="off" value={form.replyTo} onChange={text("replyTo")} className={input} />}
        </Field>
        <div className="flex items-end pb-2 sm:col-span-3">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={form.active} onChange={(e) => set("active", e.target.checked)} className="h-4 w-4 rounded border-slate-300" />
            {t("mailAccounts.form.active")}
          </label>
        </div>
      </Section>

      <Section title={t("mailAccounts.form.section.imap")} footer={testFooter("imap")}>
        {serverFields("imap")}
      </Section>

      <Section title={t("mailAccounts.form.section.smtp")} footer={testFooter("smtp")}>
        {serverFields("smtp")}
      </Section>

      <Section title={t("mailAccounts.form.section.tickets")}>
        <Field id="ma-queue" label={t("mailAccounts.form.queue")} error={errors.queueId} className="sm:col-span-2">
          {(a) => (
            <select {...a} value={form.queueId} onChange={(e) => setForm((f) => ({ ...f, queueId: e.target.value, statusId: "" }))} className={input}>
              <option value="">{t("mailAccounts.form.defaultQueue")}</option>
              {queues.map((q) => (
                <option key={q.id} value={q.id}>
                  {localName(q, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="ma-status" label={t("mailAccounts.form.status")} error={errors.statusId} className="sm:col-span-2">
          {(a) => (
            <select {...a} value={form.statusId} onChange={text("statusId")} disabled={!queue} className={input}>
              <option value="">{t("mailAccounts.form.defaultStatus")}</option>
              {queue?.statuses.map((st) => (
                <option key={st.id} value={st.id}>
                  {localName(st, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="ma-priority" label={t("mailAccounts.form.priority")} error={errors.priority} className="sm:col-span-2">
          {(a) => (
            <select {...a} value={form.priority} onChange={text("priority")} className={input}>
              <option value="">{t("mailAccounts.form.defaultPriority")}</option>
              {[0, 1, 2, 3, 4, 5].map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          )}
        </Field>
      </Section>

      <Section title={t("mailAccounts.form.section.import")}>
        <Field id="ma-after-import" label={t("mailAccounts.form.afterImport")} error={errors.afterImport} className="sm:col-span-2">
          {(a) => (
            <select {...a} value={form.afterImport} onChange={(e) => set("afterImport", e.target.value as AfterImport)} className={input}>
              {afterImportActions.map((action) => (
                <option key={action} value={action}>
                  {t(`mailAccounts.form.after.${action}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {form.afterImport === "move" && (
          <Field id="ma-folder" label={t("mailAccounts.form.folder")} hint={t("mailAccounts.form.folderHint")} error={errors.afterImportFolder} className="sm:col-span-2">
            {(a) => <input {...a} type="text" autoComplete="off" value={form.afterImportFolder} onChange={text("afterImportFolder")} className={input} placeholder="Imported" />}
          </Field>
        )}
        <Field id="ma-max-size" label={t("mailAccounts.form.maxSize")} hint={t("mailAccounts.form.maxSizeHint")} error={errors.maxMessageBytes} className="sm:col-span-2">
          {(a) => <input {...a} type="number" inputMode="decimal" min={1} max={100} step={1} value={form.maxMessageMb} onChange={text("maxMessageMb")} className={input} />}
        </Field>
      </Section>

      {save.isError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {hasSaveFieldErrors ? t("mailAccounts.form.fixFields") : t("mailAccounts.form.error", { message: errorMessage(save.error, t("common.error")) })}
        </p>
      )}

      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          {account &&
            (confirmDelete ? (
              <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("mailAccounts.form.delete")}>
                <span className="text-sm text-slate-700">{t("mailAccounts.form.deleteConfirm", { address: account.address })}</span>
                <button type="button" onClick={() => remove.mutate({ id: account.id })} disabled={remove.isPending} className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60">
                  {t("mailAccounts.form.deleteYes")}
                </button>
                <button type="button" onClick={() => { setConfirmDelete(false); remove.reset(); }} className={secondaryButton}>
                  {t("mailAccounts.form.cancel")}
                </button>
              </div>
            ) : (
              <button type="button" onClick={() => setConfirmDelete(true)} className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50">
                {t("mailAccounts.form.delete")}
              </button>
            ))}
          {remove.isError && (
            <p role="alert" className="mt-2 max-w-xl text-sm text-red-700">
              {t("mailAccounts.form.deleteError", { message: errorMessage(remove.error, t("common.error")) })}
            </p>
          )}
        </div>
        <div className="flex items-center gap-3">
          <Link href="/admin/mail-accounts" className={secondaryButton}>
            {t("mailAccounts.form.cancel")}
          </Link>
          <button type="submit" disabled={save.isPending} className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60">
            {save.isPending ? t("mailAccounts.form.saving") : account ? t("mailAccounts.form.save") : t("mailAccounts.form.create")}
          </button>
        </div>
      </div>
    </form>
  );
}
