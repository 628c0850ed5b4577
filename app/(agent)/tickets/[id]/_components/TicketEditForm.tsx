"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Field } from "@/app/_components/Field";
import { FIELD_LIMITS } from "@/lib/field-limits";
import type { TicketDetail } from "@/app/_lib/api-types";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { localName } from "@/app/_lib/local-name";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import type { EditorLock } from "./useEditorLock";
import { CoOwnersField, type CoOwnerRow } from "./CoOwnersField";
import {
  fromDateInput, fromDateTimeInput, toDateInput, toDateTimeInput,
} from "./ticket-field-values";
import { optionFieldKeys, optionFields, type OptionField } from "@/lib/ticket-option-fields";

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500";
const PRIORITIES = [0, 1, 2, 3, 4, 5];
const KINDS = ["mail", "phone", "internal"] as const;
const splitList = (v: string) => v.split(",").map((x) => x.trim()).filter(Boolean);

function initialForm(ticket: TicketDetail) {
  return {
    title: ticket.title,
    kind: ticket.kind as string,
    queueId: String(ticket.queueId),
    ownerId: ticket.ownerId === null ? "" : String(ticket.ownerId),
    priority: String(ticket.priority),
    tags: ticket.tags.join(", "),
    dueAt: toDateInput(ticket.dueAt),
    followUpAt: toDateTimeInput(ticket.followUpAt),
    externalRef: ticket.externalRef ?? "",
    customerCc: ticket.customerCc.join(", "),
    confidential: ticket.confidential,
    billable: ticket.billable,
    ...(Object.fromEntries(optionFieldKeys.map((k) => [k, ticket[k] === null ? "" : String(ticket[k])])) as Record<OptionField, string>),
  };
}
const coOwnerRows = (ticket: TicketDetail): CoOwnerRow[] =>
  ticket.coOwners.map((o) => ({ userId: String(o.userId), roleId: o.roleId === null ? "" : String(o.roleId) }));

/**
 * The ticket's edit form (C1), open only while this user holds the ticket's lock for
 * "edit": colleagues see "… is editing". Saving sends only what changed and gives the lock
 * back; Cancel gives it back unchanged.
 */
export function TicketEditForm({ ticket, editor }: { ticket: TicketDetail; editor: EditorLock }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const queues = useQuery(trpc.ticket.queues.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const owners = useQuery(trpc.ticket.ownerOptions.queryOptions({ ticketId: ticket.id }));
  const choices = useQuery(trpc.ticket.fieldChoices.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const [form, setForm] = useState(() => initialForm(ticket));
  const [coOwners, setCoOwners] = useState(() => coOwnerRows(ticket));
  const save = useMutation(
    trpc.ticket.update.mutationOptions({
      onSuccess: () => {
        editor.sent(); // the server gave the lock back with the save
        void queryClient.invalidateQueries(trpc.ticket.get.queryFilter({ ticketId: ticket.id }));
        void queryClient.invalidateQueries(trpc.entry.list.queryFilter({ ticketId: ticket.id }));
        void queryClient.invalidateQueries(trpc.ticket.list.queryFilter());
      },
    }),
  );
  const errors = fieldErrors(save.error);
  useFocusFirstInvalid(formRef, save.error);
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>("input")?.focus();
  }, []);

  // An error belongs to what was sent: once the user changes something, it goes.
  const set = (key: keyof typeof form) => (e: { target: { value: string; checked?: boolean; type?: string } }) => {
    if (save.isError) save.reset();
    const value = e.target.type === "checkbox" ? !!e.target.checked : e.target.value;
    setForm((f) => ({ ...f, [key]: value }));
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const tags = splitList(form.tags);
    const customerCc = splitList(form.customerCc);
    const ownerId = form.ownerId ? Number(form.ownerId) : null;
    const dueAt = fromDateInput(form.dueAt);
    const followUpAt = fromDateTimeInput(form.followUpAt);
    const coOwnerList = coOwners.map((r) => ({ userId: Number(r.userId), roleId: r.roleId ? Number(r.roleId) : null }));
    const options = Object.fromEntries(
      optionFieldKeys
        .map((k) => [k, form[k] ? Number(form[k]) : null] as const)
        .filter(([k, v]) => v !== ticket[k]),
    );
    // The server frees the lock with the save: its "lock released" must not make us take it again.
    editor.setSending(true);
    save.mutate({
      ticketId: ticket.id,
      ...(form.title.trim() !== ticket.title ? { title: form.title } : {}),
      ...(form.kind !== ticket.kind ? { kind: form.kind as TicketDetail["kind"] } : {}),
      ...(Number(form.queueId) !== ticket.queueId ? { queueId: Number(form.queueId) } : {}),
      ...(ownerId !== ticket.ownerId ? { ownerId } : {}),
      ...(JSON.stringify(coOwners) !== JSON.stringify(coOwnerRows(ticket)) ? { coOwners: coOwnerList } : {}),
      ...(Number(form.priority) !== ticket.priority ? { priority: Number(form.priority) } : {}),
      ...(tags.join(",") !== ticket.tags.join(",") ? { tags } : {}),
      ...(form.dueAt !== toDateInput(ticket.dueAt) ? { dueAt } : {}),
      ...(form.followUpAt !== toDateTimeInput(ticket.followUpAt) ? { followUpAt } : {}),
      ...(form.externalRef.trim() !== (ticket.externalRef ?? "") ? { externalRef: form.externalRef.trim() || null } : {}),
      ...(customerCc.join(",") !== ticket.customerCc.join(",") ? { customerCc } : {}),
      ...(form.confidential !== ticket.confidential ? { confidential: form.confidential } : {}),
      ...(form.billable !== ticket.billable ? { billable: form.billable } : {}),
      ...options,
    }, { onError: () => editor.setSending(false) });
  }

  // The current queue stays choosable even where the user could not create tickets.
  const queueChoices = queues.data?.filter((q) => q.canCreate || q.id === ticket.queueId) ?? [];
  const ownerChoices = owners.data ?? [];
  const currentOwnerMissing = ticket.ownerId !== null && !ownerChoices.some((o) => o.id === ticket.ownerId);
  const optionsOf = (key: OptionField) =>
    (choices.data ?? []).filter((o) => o.kind === optionFields[key] && (o.active || String(o.id) === form[key]));
  const roles = (choices.data ?? []).filter((o) => o.kind === "ticketRole");

  return (
    <form ref={formRef} noValidate onSubmit={submit} aria-label={t("ticketEdit.title")} className="space-y-4" data-testid="ticket-edit-form">
      <Section title={t("ticketEdit.section.ticket")}>
      <Field id="edit-title" label={t("ticketEdit.subject")} error={errors.title} limit={FIELD_LIMITS.ticketTitle} length={form.title.length}>
        {(a) => <input {...a} value={form.title} onChange={set("title")} className={input} />}
      </Field>
      <Field id="edit-kind" label={t("ticketFields.kind")} hint={t(`ticketFields.kindHint.${form.kind as "mail"}`)} error={errors.kind}>
        {(a) => (
          <select {...a} value={form.kind} onChange={set("kind")} className={input}>
            {KINDS.map((k) => (
              <option key={k} value={k}>{t(`ticketFields.kind.${k}`)}</option>
            ))}
          </select>
        )}
      </Field>
      <Field id="edit-queue" label={t("ticket.queue")} hint={t("ticketEdit.queueHint")} error={errors.queueId}>
        {(a) => (
          <select {...a} value={form.queueId} onChange={set("queueId")} className={input} disabled={!queues.data}>
            {queueChoices.length === 0 && <option value={form.queueId}>{ticket.queueName}</option>}
            {queueChoices.map((q) => (
              <option key={q.id} value={q.id} title={q.description ?? undefined}>
                {localName(q, lang)}
              </option>
            ))}
          </select>
        )}
      </Field>
      </Section>
      <Section title={t("ticketEdit.section.people")}>
      <Field id="edit-owner" label={t("ticket.owner")} error={errors.ownerId}>
        {(a) => (
          <select {...a} value={form.ownerId} onChange={set("ownerId")} className={input}>
            <option value="">{t("ticketEdit.noOwner")}</option>
            {currentOwnerMissing && <option value={String(ticket.ownerId)}>{ticket.ownerName ?? `#${ticket.ownerId}`}</option>}
            {ownerChoices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.outOfOffice ? `${o.name} · ${t("ticket.ownerAway", { note: o.outOfOffice })}` : o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <CoOwnersField
        rows={coOwners}
        onChange={(rows) => {
          if (save.isError) save.reset();
          setCoOwners(rows);
        }}
        people={ownerChoices}
        roles={roles}
        mainOwnerId={form.ownerId}
        error={errors.coOwners}
      />
      <Field id="edit-cc" label={t("ticketFields.customerCc")} hint={t("ticketFields.customerCcHint")} error={errors.customerCc}>
        {(a) => <input {...a} value={form.customerCc} onChange={set("customerCc")} className={input} autoComplete="off" />}
      </Field>
      </Section>
      <Section title={t("ticketEdit.section.planning")}>
      <Field id="edit-priority" label={t("ticketEdit.priority")} error={errors.priority}>
        {(a) => (
          <select {...a} value={form.priority} onChange={set("priority")} className={input}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`ticketEdit.priority.${p}` as "ticketEdit.priority.0")}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="edit-tags" label={t("ticket.tags")} hint={t("ticketEdit.tagsHint")} error={errors.tags}>
        {(a) => <input {...a} value={form.tags} onChange={set("tags")} className={input} />}
      </Field>
      <Field id="edit-due" label={t("ticketFields.dueAt")} error={errors.dueAt}>
        {(a) => <input {...a} type="date" value={form.dueAt} onChange={set("dueAt")} className={input} />}
      </Field>
      <Field id="edit-follow-up" label={t("ticketFields.followUpAt")} error={errors.followUpAt}>
        {(a) => <input {...a} type="datetime-local" value={form.followUpAt} onChange={set("followUpAt")} className={input} />}
      </Field>
      </Section>
      <Section title={t("ticketEdit.section.classification")}>
      <Field id="edit-external-ref" label={t("ticketFields.externalRef")} hint={t("ticketFields.externalRefHint")} error={errors.externalRef}>
        {(a) => <input {...a} value={form.externalRef} onChange={set("externalRef")} className={input} />}
      </Field>
      {optionFieldKeys.map((key) => {
        const list = optionsOf(key);
        if (list.length === 0) return null; // a list nobody configured is not asked for
        return (
          <Field key={key} id={`edit-${key}`} label={t(`ticketFields.${optionFields[key]}`)} error={errors[key]}>
            {(a) => (
              <select {...a} value={form[key]} onChange={set(key)} className={input}>
                <option value="">—</option>
                {list.map((o) => (
                  <option key={o.id} value={o.id}>{localName(o, lang)}</option>
                ))}
              </select>
            )}
          </Field>
        );
      })}
      <div className="space-y-2">
        {(["confidential", "billable"] as const).map((key) => (
          <label key={key} className="flex items-start gap-2 text-sm text-slate-800">
            <input type="checkbox" checked={form[key]} onChange={set(key)} className="mt-0.5 h-4 w-4 rounded border-slate-300" aria-describedby={`edit-${key}-hint`} />
            <span>
              {t(`ticketFields.${key}`)}
              <span id={`edit-${key}-hint`} className="block text-xs text-slate-500">{t(`ticketFields.${key}Hint`)}</span>
            </span>
          </label>
        ))}
      </div>
      </Section>
      {save.isError && !Object.values(errors).some(Boolean) && (
        <p role="alert" className="text-sm text-red-700">
          {t("ticketEdit.error", { message: errorMessage(save.error, t("common.error")) })}
        </p>
      )}
      {/* Sticky: with all sections open the form is taller than the screen; Save stays in reach. */}
      <div data-testid="ticket-edit-actions" className="sticky bottom-0 z-10 -mx-1 flex gap-2 border-t border-slate-200 bg-white px-1 py-2">
        <button
          type="submit"
          disabled={save.isPending}
          className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60"
        >
          {save.isPending ? t("ticketEdit.saving") : t("ticketEdit.save")}
        </button>
        <button
          type="button"
          onClick={editor.close}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          {t("ticketEdit.cancel")}
        </button>
      </div>
    </form>
  );
}

/** A group of the form's fields under a heading, so twenty fields read as four short lists. */
function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</legend>
      {children}
    </fieldset>
  );
}
