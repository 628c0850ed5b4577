"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { useUploads } from "@/app/_lib/useUploads";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import { FilePicker } from "@/app/_components/FilePicker";
import { Field } from "@/app/_components/Field";

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500";

/** "a@x, b@y; c@z" → ["a@x", "b@y", "c@z"] */
const addressList = (value: string) => value.split(/[,;\s]+/).map((v) => v.trim()).filter(Boolean);

/** An agent records a ticket by hand (ticket.create); errors show beside their fields. */
export function NewTicketForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const queues = useQuery(trpc.ticket.queues.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const formRef = useRef<HTMLFormElement>(null);
  const senders = useQuery(trpc.ticket.senders.queryOptions(undefined, { staleTime: 60_000 }));
  const [form, setForm] = useState({ queueId: "", customerEmail: "", customerName: "", title: "", body: "", cc: "", bcc: "", accountId: "" });
  const [sendMail, setSendMail] = useState(false);
  const uploads = useUploads();
  const create = useMutation(
    trpc.ticket.create.mutationOptions({
      onSuccess: (created) => {
        void queryClient.invalidateQueries(trpc.ticket.list.queryFilter());
        router.push(`/tickets/${created.id}`);
      },
    }),
  );

  useFocusFirstInvalid(formRef, create.error);

  const queueId = form.queueId || String(queues.data?.[0]?.id ?? "");
  const errors = fieldErrors(create.error);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (uploads.busy || uploads.failed) return;
    create.mutate({
      queueId: Number(queueId),
      customerEmail: form.customerEmail,
      customerName: form.customerName.trim() || undefined,
      title: form.title,
      body: form.body,
      uploadIds: uploads.ids,
      sendMail: sendMail
        ? { accountId: form.accountId ? Number(form.accountId) : undefined, cc: addressList(form.cc), bcc: addressList(form.bcc) }
        : undefined,
    });
  }

  if (queues.isPending) return <LoadingLine />;
  if (queues.isError) return <ErrorState message={t("common.error")} onRetry={() => queues.refetch()} />;

  const hasFieldErrors = Object.values(errors).some(Boolean);
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold tracking-tight">{t("newTicket.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("newTicket.intro")}</p>
      {queues.data.length === 0 ? (
        <div className="mt-6">
          <ErrorState message={t("newTicket.noQueues")} />
        </div>
      ) : (
        <form ref={formRef} noValidate onSubmit={submit} className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <Field id="new-queue" label={t("newTicket.queue")} error={errors.queueId}>
            {(a) => (
              <select {...a} value={queueId} onChange={set("queueId")} className={input}>
                {queues.data.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="new-email" label={t("newTicket.email")} error={errors.customerEmail}>
              {(a) => (
                <input {...a} type="email" autoComplete="off" value={form.customerEmail} onChange={set("customerEmail")} className={input} />
              )}
            </Field>
            <Field id="new-name" label={t("newTicket.name")} hint={t("newTicket.optional")} error={errors.customerName}>
              {(a) => <input {...a} type="text" autoComplete="off" value={form.customerName} onChange={set("customerName")} className={input} />}
            </Field>
          </div>
          <Field id="new-subject" label={t("newTicket.subject")} error={errors.title}>
            {(a) => <input {...a} type="text" value={form.title} onChange={set("title")} className={input} />}
          </Field>
          <Field id="new-body" label={t("newTicket.body")} error={errors.body}>
            {(a) => <textarea {...a} rows={8} value={form.body} onChange={set("body")} className={input} />}
          </Field>
          <FilePicker uploads={uploads} />
          {(uploads.busy || uploads.failed) && <p className="text-xs text-slate-600">{t("files.waitOrRemove")}</p>}
          <fieldset className="rounded-lg border border-slate-200 p-4">
            <legend className="px-1 text-sm font-medium text-slate-700">{t("newTicket.mailLegend")}</legend>
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" checked={sendMail} onChange={(e) => setSendMail(e.target.checked)} className="h-4 w-4 rounded border-slate-300" />
              {t("newTicket.sendMail")}
            </label>
            {sendMail && (
              <div className="mt-3 space-y-3">
                <Field id="new-sender" label={t("newTicket.sender")} error={undefined}>
                  {(a) => (
                    <select {...a} value={form.accountId} onChange={set("accountId")} className={input}>
                      <option value="">{t("newTicket.senderDefault")}</option>
                      {(senders.data ?? []).map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.senderName ? `${s.senderName} <${s.address}>` : s.address}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <div className="grid gap-4 sm:grid-cols-2">
                  <Field id="new-cc" label="CC" hint={t("newTicket.addressListHint")} error={errors.sendMail}>
                    {(a) => <input {...a} type="text" autoComplete="off" value={form.cc} onChange={set("cc")} className={input} />}
                  </Field>
                  <Field id="new-bcc" label="BCC" hint={t("newTicket.addressListHint")} error={undefined}>
                    {(a) => <input {...a} type="text" autoComplete="off" value={form.bcc} onChange={set("bcc")} className={input} />}
                  </Field>
                </div>
              </div>
            )}
          </fieldset>
          {create.isError && !hasFieldErrors && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {t("newTicket.error", { message: errorMessage(create.error, t("common.error")) })}
            </p>
          )}
          <div className="flex justify-end">
            <button
              type="submit"
              disabled={create.isPending || uploads.busy || uploads.failed}
              className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60"
            >
              {create.isPending ? t("newTicket.creating") : t("newTicket.submit")}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
