"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { z } from "zod";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { localName } from "@/app/_lib/local-name";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { useUploads } from "@/app/_lib/useUploads";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import { FilePicker } from "@/app/_components/FilePicker";
import { Field } from "@/app/_components/Field";
import { FIELD_LIMITS } from "@/lib/field-limits";

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500";

/** "a@x, b@y; c@z" → ["a@x", "b@y", "c@z"] */
const addressList = (value: string) => value.split(/[,;\s]+/).map((v) => v.trim()).filter(Boolean);
/** The same check the server makes (zod's e-mail format), so both agree on what is valid. */
const isAddress = (a: string) => z.email().safeParse(a).success;

type AddressField = "to" | "cc" | "bcc";

/**
 * An agent records a ticket by hand (ticket.create), or opens it by writing an e-mail (C4):
 * from a chosen account to one or more To addresses (the first is the ticket's customer),
 * with CC and BCC. Addresses are checked here first, so a typo is named beside its field at
 * once; the server checks everything again. Errors never clear what was typed or attached.
 */
export function NewTicketForm() {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const queues = useQuery(trpc.ticket.queues.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const formRef = useRef<HTMLFormElement>(null);
  const senders = useQuery(trpc.ticket.senders.queryOptions(undefined, { staleTime: 60_000 }));
  const [form, setForm] = useState({ queueId: "", to: "", customerName: "", title: "", body: "", cc: "", bcc: "", accountId: "" });
  /** C2/C3/C4: record a request (phone), open it by e-mail (mail), or an internal ticket. */
  const [kind, setKind] = useState<"phone" | "mail" | "internal">("phone");
  const sendMail = kind === "mail";
  /** Address errors found before sending; a new object on every rejected submit (refocuses). */
  const [addressErrors, setAddressErrors] = useState<Partial<Record<AddressField, string>> | null>(null);
  const uploads = useUploads();
  const create = useMutation(
    trpc.ticket.create.mutationOptions({
      onSuccess: (created) => {
        void queryClient.invalidateQueries(trpc.ticket.list.queryFilter());
        router.push(`/tickets/${created.id}`);
      },
    }),
  );

  useFocusFirstInvalid(formRef, addressErrors ?? create.error);

  // Only queues the user may open tickets in (A3); the server checks again.
  const creatable = queues.data?.filter((q) => q.canCreate) ?? [];
  const queueId = form.queueId || String(creatable[0]?.id ?? "");
  const serverErrors = fieldErrors(create.error);
  const errors: Record<string, string | undefined> = {
    ...serverErrors,
    // The first To address is sent as `customerEmail`, the rest as `to`: one input shows both.
    to: addressErrors?.to ?? serverErrors.customerEmail ?? serverErrors.to,
    cc: addressErrors?.cc ?? serverErrors.cc,
    bcc: addressErrors?.bcc ?? serverErrors.bcc,
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  /** Each field's bad addresses, named; several To addresses only when mailing. */
  function checkAddresses(): Partial<Record<AddressField, string>> {
    const found: Partial<Record<AddressField, string>> = {};
    const fields: AddressField[] = sendMail ? ["to", "cc", "bcc"] : ["to"];
    for (const field of fields) {
      const bad = addressList(form[field]).filter((a) => !isAddress(a));
      if (bad.length) found[field] = t("newTicket.badAddress", { addresses: bad.join(", ") });
    }
    if (!found.to && !sendMail && addressList(form.to).length > 1) found.to = t("newTicket.oneAddress");
    return found;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (uploads.busy || uploads.failed) return;
    const found = checkAddresses();
    if (Object.keys(found).length) {
      create.reset();
      setAddressErrors(found);
      return;
    }
    setAddressErrors(null);
    const [customerEmail = "", ...moreTo] = addressList(form.to);
    create.mutate({
      queueId: Number(queueId),
      kind: kind === "mail" ? "phone" : kind, // the server makes a mailed ticket a mail ticket
      customerEmail,
      customerName: form.customerName.trim() || undefined,
      title: form.title,
      body: form.body,
      uploadIds: uploads.ids,
      sendMail,
      ...(sendMail
        ? { accountId: form.accountId ? Number(form.accountId) : undefined, to: moreTo, cc: addressList(form.cc), bcc: addressList(form.bcc) }
        : {}),
    });
  }

  if (queues.isPending) return <LoadingLine />;
  if (queues.isError) return <ErrorState message={t("common.error")} onRetry={() => queues.refetch()} />;

  const hasFieldErrors = Object.values(errors).some(Boolean);
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold tracking-tight">{t("newTicket.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("newTicket.intro")}</p>
      {creatable.length === 0 ? (
        <div className="mt-6">
          <ErrorState message={t("newTicket.noQueues")} />
        </div>
      ) : (
        <form ref={formRef} noValidate onSubmit={submit} className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <Field id="new-queue" label={t("newTicket.queue")} error={errors.queueId}>
            {(a) => (
              <select {...a} value={queueId} onChange={set("queueId")} className={input}>
                {creatable.map((q) => (
                  <option key={q.id} value={q.id} title={q.description ?? undefined}>
                    {localName(q, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="rounded-lg border border-slate-200 p-4">
            <legend className="px-1 text-sm font-medium text-slate-700">{t("newTicket.kindLegend")}</legend>
            <div className="space-y-2">
              {(["phone", "mail", "internal"] as const).map((k) => (
                <label key={k} className="flex items-start gap-2 text-sm text-slate-800">
                  <input
                    type="radio"
                    name="kind"
                    value={k}
                    checked={kind === k}
                    onChange={() => setKind(k)}
                    className="mt-0.5 h-4 w-4 border-slate-300"
                    aria-describedby={k === "mail" ? undefined : `new-kind-${k}-hint`}
                  />
                  <span>
                    {k === "mail" ? t("newTicket.sendMail") : t(`newTicket.kind.${k}`)}
                    {k !== "mail" && (
                      <span id={`new-kind-${k}-hint`} className="block text-xs text-slate-500">
                        {t(`newTicket.kind.${k}Hint`)}
                      </span>
                    )}
                  </span>
                </label>
              ))}
            </div>
            {sendMail && (
              <div className="mt-3">
                <Field id="new-sender" label={t("newTicket.sender")} error={errors.accountId}>
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
              </div>
            )}
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              id="new-email"
              label={sendMail ? t("newTicket.to") : kind === "internal" ? t("newTicket.customerOptional") : t("newTicket.email")}
              hint={sendMail ? t("newTicket.toHint") : undefined}
              error={errors.to}
            >
              {(a) => <input {...a} type="text" inputMode="email" autoComplete="off" value={form.to} onChange={set("to")} className={input} />}
            </Field>
            <Field id="new-name" label={t("newTicket.name")} hint={t("newTicket.optional")} error={errors.customerName}>
              {(a) => <input {...a} type="text" autoComplete="off" value={form.customerName} onChange={set("customerName")} className={input} />}
            </Field>
          </div>
          {sendMail && (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="new-cc" label={t("newTicket.cc")} hint={t("newTicket.addressListHint")} error={errors.cc}>
                {(a) => <input {...a} type="text" inputMode="email" autoComplete="off" value={form.cc} onChange={set("cc")} className={input} />}
              </Field>
              <Field id="new-bcc" label={t("newTicket.bcc")} hint={t("newTicket.bccHint")} error={errors.bcc}>
                {(a) => <input {...a} type="text" inputMode="email" autoComplete="off" value={form.bcc} onChange={set("bcc")} className={input} />}
              </Field>
            </div>
          )}
          <Field id="new-subject" label={t("newTicket.subject")} error={errors.title} limit={FIELD_LIMITS.ticketTitle} length={form.title.length}>
            {(a) => <input {...a} type="text" value={form.title} onChange={set("title")} className={input} />}
          </Field>
          <Field id="new-body" label={t("newTicket.body")} error={errors.body}>
            {(a) => <textarea {...a} rows={8} value={form.body} onChange={set("body")} className={input} />}
          </Field>
          <FilePicker uploads={uploads} />
          {(uploads.busy || uploads.failed) && <p className="text-xs text-slate-600">{t("files.waitOrRemove")}</p>}
          {hasFieldErrors && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {t("newTicket.fixFields")}
            </p>
          )}
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
              {create.isPending ? t("newTicket.creating") : sendMail ? t("newTicket.submitAndSend") : t("newTicket.submit")}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
