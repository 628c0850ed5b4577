"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/Field";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { dateTime, dateTimeInputValue } from "@/app/_lib/format";
import { useI18n } from "@/app/_lib/i18n";
import { SaveError } from "@/app/_components/SaveError";
import { useSocketEvent } from "@/app/_lib/socket";
import { useTRPC, useTRPCClient } from "@/app/_lib/trpc";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import { useMe } from "../../../_components/useMe";

const small = "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50";
const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm aria-[invalid=true]:border-red-500";

/**
 * C11: the ticket's pending reminders and a form to set one, for oneself or a colleague who
 * may read the ticket. When it is due the recipient's bell shows it (and a mail, if chosen);
 * it then leaves this list (announced as ticket:changed).
 */
export function TicketReminders({ ticketId }: { ticketId: number }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.reminder.list.queryOptions({ ticketId }));
  const [adding, setAdding] = useState(false);
  const refresh = () => queryClient.invalidateQueries(trpc.reminder.list.queryFilter({ ticketId }));
  useSocketEvent("ticket:changed", (e) => void (e.ticketId === ticketId && refresh()));
  const cancel = useMutation({ mutationFn: (id: number) => client.reminder.cancel.mutate({ id }), onSettled: refresh });

  return (
    <section aria-labelledby="reminders-heading" data-testid="ticket-reminders" className="mt-4 space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-center justify-between gap-2">
        <h2 id="reminders-heading" className="text-sm font-semibold text-slate-800">
          {t("reminders.title")}
        </h2>
        {!adding && (
          <button type="button" className={small} onClick={() => setAdding(true)}>
            {t("reminders.add")}
          </button>
        )}
      </div>
      {adding && (
        <ReminderForm
          ticketId={ticketId}
          onDone={() => {
            setAdding(false);
            void refresh();
          }}
        />
      )}
      {list.isPending ? (
        <LoadingLine />
      ) : list.isError ? (
        <ErrorState message={t("reminders.loadError")} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <p className="text-sm text-slate-500">{t("reminders.empty")}</p>
      ) : (
        <ul className="space-y-2">
          {list.data.map((r) => (
            <li key={r.id} data-testid="reminder" className="rounded-md border border-slate-100 bg-slate-50 px-3 py-2 text-sm">
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">{dateTime(new Date(r.dueAt), lang)}</p>
                  <p className="text-xs text-slate-600">
                    {r.createdById === r.userId ? t("reminders.forSelf", { name: r.userName }) : t("reminders.forOther", { name: r.userName, by: r.createdByName })}
                    {r.byMail && ` · ${t("reminders.mailToo")}`}
                  </p>
                  {r.note && <p className="mt-1 break-words text-slate-700">{r.note}</p>}
                </div>
                {r.mayCancel && (
                  <button
                    type="button"
                    className={small}
                    disabled={cancel.isPending}
                    onClick={() => cancel.mutate(r.id)}
                    aria-label={t("reminders.cancelLabel", { when: dateTime(new Date(r.dueAt), lang) })}
                  >
                    {t("reminders.cancel")}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {cancel.isError && (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(cancel.error, t("common.error"))}
        </p>
      )}
    </section>
  );
}

function ReminderForm({ ticketId, onDone }: { ticketId: number; onDone: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const recipients = useQuery(trpc.reminder.recipients.queryOptions({ ticketId }));
  const formRef = useRef<HTMLFormElement>(null);
  // Tomorrow at nine as a start; most reminders are "look at this again tomorrow".
  const [form, setForm] = useState(() => {
    const due = new Date();
    due.setDate(due.getDate() + 1);
    due.setHours(9, 0, 0, 0);
    return { userId: String(me.userId), dueAt: dateTimeInputValue(due), note: "", byMail: false };
  });
  const save = useMutation({
    mutationFn: () => client.reminder.create.mutate({ ticketId, userId: Number(form.userId), dueAt: new Date(form.dueAt), note: form.note, byMail: form.byMail }),
    onSuccess: onDone,
  });
  const errors = fieldErrors(save.error);
  useFocusFirstInvalid(formRef, save.error);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => {
    if (save.isError) save.reset();
    setForm((f) => ({ ...f, [key]: value }));
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <form ref={formRef} noValidate onSubmit={submit} aria-label={t("reminders.formTitle")} className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3">
      <Field id="reminder-user" label={t("reminders.for")} error={errors.userId}>
        {(a) => (
          <select {...a} value={form.userId} onChange={(e) => set("userId", e.target.value)} className={input}>
            {(recipients.data ?? [{ id: me.userId, name: me.name }]).map((u) => (
              <option key={u.id} value={u.id}>
                {u.id === me.userId ? t("reminders.me", { name: u.name }) : u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="reminder-due" label={t("reminders.due")} error={errors.dueAt}>
        {(a) => <input {...a} type="datetime-local" required value={form.dueAt} onChange={(e) => set("dueAt", e.target.value)} className={input} />}
      </Field>
      <Field id="reminder-note" label={t("reminders.note")} error={errors.note}>
        {(a) => <textarea {...a} rows={2} maxLength={500} value={form.note} onChange={(e) => set("note", e.target.value)} className={input} />}
      </Field>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={form.byMail} onChange={(e) => set("byMail", e.target.checked)} className="h-4 w-4 rounded border-slate-300" />
        {t("reminders.byMail")}
      </label>
      <SaveError error={save.isError ? save.error : null} fields={errors} />
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onDone} className={small}>
          {t("reminders.close")}
        </button>
        <button type="submit" disabled={save.isPending || !form.dueAt} className="rounded-md bg-blue-600 px-3 py-1 text-xs font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60">
          {t("reminders.set")}
        </button>
      </div>
    </form>
  );
}
