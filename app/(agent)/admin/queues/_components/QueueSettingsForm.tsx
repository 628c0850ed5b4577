"use client";

import { useMutation, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Switch } from "@/app/_components/Switch";
import { fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { SaveBar } from "@/app/_components/SaveBar";
import { useTRPC } from "@/app/_lib/trpc";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import { Field } from "@/app/_components/Field";
import { quotingModes, splitAddresses, type MailAccountOption, type QueueMailSettings, type Quoting } from "./types";

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm disabled:bg-slate-50 aria-[invalid=true]:border-red-500";

interface FormState {
  /** "" = the first active account. */
  senderAccountId: string;
  autoresponderEnabled: boolean;
  autoresponderText: string;
  quoting: Quoting;
  /** One address per line. */
  notifyEmails: string;
  greeting: string;
  signature: string;
}

function initialState(q: QueueMailSettings): FormState {
  return {
    senderAccountId: q.senderAccountId === null ? "" : String(q.senderAccountId),
    autoresponderEnabled: q.autoresponderEnabled,
    autoresponderText: q.autoresponderText ?? "",
    quoting: q.quoting,
    notifyEmails: q.notifyEmails.join("\n"),
    greeting: q.greeting ?? "",
    signature: q.signature ?? "",
  };
}

/** One queue's mail settings; saving keeps the form open and shows what the server stored. */
export function QueueSettingsForm({
  id,
  queue,
  accounts,
}: {
  id: string;
  queue: QueueMailSettings;
  accounts: UseQueryResult<MailAccountOption[], unknown>;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<FormState>(() => initialState(queue));
  const save = useMutation(
    trpc.queue.updateMailSettings.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.queue.mailSettings.queryKey(), (list) => list?.map((q) => (q.id === saved.id ? saved : q)));
        setForm(initialState(saved));
      },
    }),
  );
  const errors = fieldErrors(save.error);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    if (save.isSuccess) save.reset();
    setForm((f) => ({ ...f, [key]: value }));
  };
  const text = (key: "autoresponderText" | "notifyEmails" | "greeting" | "signature") => (e: { target: { value: string } }) => set(key, e.target.value);

  // After the render that marks the fields (not in a frame callback: hidden tabs skip those).
  useFocusFirstInvalid(formRef, save.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({
      queueId: queue.id,
      senderAccountId: form.senderAccountId ? Number(form.senderAccountId) : null,
      autoresponderEnabled: form.autoresponderEnabled,
      autoresponderText: form.autoresponderText,
      quoting: form.quoting,
      notifyEmails: splitAddresses(form.notifyEmails),
      greeting: form.greeting,
      signature: form.signature,
    });
  }

  const fid = (name: string) => `${id}-${name}`;
  // The stored account stays selectable while the list loads (or fails to).
  const knownAccount = accounts.data?.some((a) => String(a.id) === form.senderAccountId);

  return (
    <form ref={formRef} id={id} noValidate onSubmit={submit} className="border-t border-slate-100 p-5">
      <div className="grid gap-5 lg:grid-cols-2">
        <div className="space-y-5">
          <Field
            id={fid("sender")}
            label={t("queues.sender")}
            hint={accounts.isError ? t("queues.senderLoadError") : t("queues.senderHint")}
            error={errors.senderAccountId}
          >
            {(a) => (
              <select
                {...a}
                value={form.senderAccountId}
                onChange={(e) => set("senderAccountId", e.target.value)}
                className={input}
              >
                <option value="">{t("queues.senderDefault")}</option>
                {accounts.data?.map((acc) => (
                  <option key={acc.id} value={String(acc.id)}>
                    {acc.active ? acc.address : t("queues.senderInactive", { address: acc.address })}
                  </option>
                ))}
                {form.senderAccountId && !knownAccount && <option value={form.senderAccountId}>#{form.senderAccountId}</option>}
              </select>
            )}
          </Field>
          <Field id={fid("quoting")} label={t("queues.quoting")} error={errors.quoting}>
            {(a) => (
              <select {...a} value={form.quoting} onChange={(e) => set("quoting", e.target.value as Quoting)} className={input}>
                {quotingModes.map((mode) => (
                  <option key={mode} value={mode}>
                    {t(`queues.quoting.${mode}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={fid("notify")} label={t("queues.notifyEmails")} hint={t("queues.notifyEmailsHint")} error={errors.notifyEmails}>
            {(a) => (
              <textarea
                {...a}
                rows={4}
                spellCheck={false}
                autoComplete="off"
                value={form.notifyEmails}
                onChange={text("notifyEmails")}
                placeholder="team-lead@example.com"
                className={`${input} font-mono`}
              />
            )}
          </Field>
        </div>
        <div className="space-y-5">
          <div>
            <div className="flex items-center justify-between gap-3">
              <span className="text-sm font-medium text-slate-700" aria-hidden="true">
                {t("queues.autoresponder")}
              </span>
              <Switch
                checked={form.autoresponderEnabled}
                onChange={(on) => set("autoresponderEnabled", on)}
                label={t("queues.autoresponderLabel", { name: queue.name })}
                onText={t("queues.on")}
                offText={t("queues.off")}
              />
            </div>
            <Field
              id={fid("autoresponder-text")}
              label={t("queues.autoresponderText")}
              hint={t("queues.autoresponderTextHint")}
              error={errors.autoresponderText}
              className="mt-3"
            >
              {(a) => (
                <textarea {...a} rows={4} value={form.autoresponderText} onChange={text("autoresponderText")} className={input} />
              )}
            </Field>
          </div>
          <Field id={fid("greeting")} label={t("queues.greeting")} hint={t("queues.greetingHint")} error={errors.greeting}>
            {(a) => <textarea {...a} rows={2} value={form.greeting} onChange={text("greeting")} className={input} />}
          </Field>
          <Field id={fid("signature")} label={t("queues.signature")} hint={t("queues.signatureHint")} error={errors.signature}>
            {(a) => <textarea {...a} rows={4} value={form.signature} onChange={text("signature")} className={input} />}
          </Field>
        </div>
      </div>
      <SaveBar save={save} prefix="queues" />
    </form>
  );
}
