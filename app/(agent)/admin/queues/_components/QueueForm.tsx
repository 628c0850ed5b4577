"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/Field";
import { SaveBar } from "@/app/_components/SaveBar";
import { Switch } from "@/app/_components/Switch";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import { primaryButton, secondaryButton, textInput } from "../../_components/ConfigParts";
import type { QueueConfig } from "./types";

interface FormState {
  name: string;
  nameDe: string;
  groupName: string;
  description: string;
  customersSeeEachOther: boolean;
  ownerOnFirstReply: boolean;
  reopenWithinDays: string;
}

const initial = (q: QueueConfig | null): FormState => ({
  name: q?.name ?? "",
  nameDe: q?.nameDe ?? "",
  groupName: q?.groupName ?? "",
  description: q?.description ?? "",
  customersSeeEachOther: q?.customersSeeEachOther ?? false,
  ownerOnFirstReply: q?.ownerOnFirstReply ?? true,
  reopenWithinDays: String(q?.reopenWithinDays ?? 14),
});

/** Every query that shows queues: the admin lists, pickers, the ticket list and its filter, and the users page. */
export function useInvalidateQueues() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.queue.pathFilter()),
      queryClient.invalidateQueries(trpc.status.pathFilter()),
      queryClient.invalidateQueries(trpc.ticket.queues.queryFilter()),
      queryClient.invalidateQueries(trpc.ticket.list.queryFilter()),
      // A deleted queue leaves everyone's access to it: the users page must not send it back.
      queryClient.invalidateQueries(trpc.user.list.queryFilter()),
    ]);
}

/**
 * A queue's names, group, description and customer visibility (B1). Without `queue` it
 * creates one (with the default statuses); `onDone` runs after a create or on cancel.
 */
export function QueueForm({
  id, queue, groups, onDone,
}: {
  id: string;
  queue: QueueConfig | null;
  /** Existing group names, offered as suggestions. */
  groups: string[];
  onDone?: (created?: QueueConfig) => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateQueues();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<FormState>(() => initial(queue));
  const create = useMutation(
    trpc.queue.create.mutationOptions({
      onSuccess: async (created) => {
        await invalidate();
        onDone?.(created);
      },
    }),
  );
  const update = useMutation(
    trpc.queue.update.mutationOptions({
      onSuccess: async (saved) => {
        setForm(initial(saved));
        await invalidate();
      },
    }),
  );
  const save = queue ? update : create;
  const errors = fieldErrors(save.error);
  useFocusFirstInvalid(formRef, save.error);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    if (save.isSuccess) save.reset();
    setForm((f) => ({ ...f, [key]: value }));
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const values = {
      name: form.name, nameDe: form.nameDe, groupName: form.groupName, description: form.description,
      customersSeeEachOther: form.customersSeeEachOther,
      ownerOnFirstReply: form.ownerOnFirstReply, reopenWithinDays: Number(form.reopenWithinDays),
    };
    if (queue) update.mutate({ id: queue.id, ...values });
    else create.mutate(values);
  }

  const fid = (name: string) => `${id}-${name}`;
  return (
    <form ref={formRef} id={id} noValidate onSubmit={submit} className="space-y-5 p-5" aria-label={queue ? undefined : t("queueConfig.newTitle")}>
      <div className="grid gap-5 md:grid-cols-2">
        <Field id={fid("name")} label={t("queueConfig.name")} hint={t("queueConfig.nameHint")} error={errors.name}>
          {(a) => (
            <input {...a} required autoComplete="off" value={form.name} onChange={(e) => set("name", e.target.value)} className={textInput} />
          )}
        </Field>
        <Field id={fid("name-de")} label={t("queueConfig.nameDe")} hint={t("queueConfig.nameDeHint")} error={errors.nameDe}>
          {(a) => <input {...a} lang="de" autoComplete="off" value={form.nameDe} onChange={(e) => set("nameDe", e.target.value)} className={textInput} />}
        </Field>
        <Field id={fid("group")} label={t("queueConfig.group")} hint={t("queueConfig.groupHint")} error={errors.groupName}>
          {(a) => (
            <>
              <input {...a} list={fid("groups")} autoComplete="off" value={form.groupName} onChange={(e) => set("groupName", e.target.value)} className={textInput} />
              <datalist id={fid("groups")}>
                {groups.map((g) => (
                  <option key={g} value={g} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field id={fid("description")} label={t("queueConfig.description")} hint={t("queueConfig.descriptionHint")} error={errors.description}>
          {(a) => <textarea {...a} rows={2} value={form.description} onChange={(e) => set("description", e.target.value)} className={textInput} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-slate-50 px-3 py-2">
        <div className="text-sm">
          <p className="font-medium text-slate-700" aria-hidden="true">
            {t("queueConfig.customersSeeEachOther")}
          </p>
          <p className="text-xs text-slate-500">{t("queueConfig.customersSeeEachOtherHint")}</p>
        </div>
        <Switch
          checked={form.customersSeeEachOther}
          onChange={(on) => set("customersSeeEachOther", on)}
          label={t("queueConfig.customersSeeEachOther")}
          onText={t("queueConfig.yes")}
          offText={t("queueConfig.no")}
        />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-slate-50 px-3 py-2">
        <div className="text-sm">
          <p className="font-medium text-slate-700" aria-hidden="true">
            {t("queueConfig.ownerOnFirstReply")}
          </p>
          <p className="text-xs text-slate-500">{t("queueConfig.ownerOnFirstReplyHint")}</p>
        </div>
        <Switch
          checked={form.ownerOnFirstReply}
          onChange={(on) => set("ownerOnFirstReply", on)}
          label={t("queueConfig.ownerOnFirstReply")}
          onText={t("queueConfig.yes")}
          offText={t("queueConfig.no")}
        />
      </div>
      <Field id={fid("reopen-days")} label={t("queueConfig.reopenWithinDays")} hint={t("queueConfig.reopenWithinDaysHint")} error={errors.reopenWithinDays}>
        {(a) => (
          <input {...a} type="number" min={0} max={365} inputMode="numeric" value={form.reopenWithinDays} onChange={(e) => set("reopenWithinDays", e.target.value)} className={`${textInput} max-w-32`} />
        )}
      </Field>
      {queue ? (
        <SaveBar save={update} prefix="queues" />
      ) : (
        <div className="flex flex-wrap items-center justify-end gap-3">
          {create.isError && !Object.values(errors).some(Boolean) && (
            <p role="alert" className="text-sm text-red-700">
              {errorMessage(create.error, t("common.error"))}
            </p>
          )}
          {create.isError && Object.values(errors).some(Boolean) && (
            <p role="alert" className="text-sm text-red-700">
              {t("common.fixFields")}
            </p>
          )}
          <button type="button" className={secondaryButton} onClick={() => onDone?.()}>
            {t("queueConfig.cancel")}
          </button>
          <button type="submit" className={primaryButton} disabled={create.isPending}>
            {create.isPending ? t("queueConfig.creating") : t("queueConfig.create")}
          </button>
        </div>
      )}
    </form>
  );
}
