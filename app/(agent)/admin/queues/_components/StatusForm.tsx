"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/Field";
import { fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { SaveError } from "@/app/_components/SaveError";
import { useTRPC } from "@/app/_lib/trpc";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import { primaryButton, secondaryButton, textInput } from "../../_components/ConfigParts";
import { useInvalidateQueues } from "./QueueForm";
import { localName, statusCategories, type StatusCategory, type StatusConfig, type StatusGroupOption } from "./types";

interface FormState {
  name: string;
  nameDe: string;
  category: StatusCategory;
  progress: string;
  groupId: string;
  /** A7: roles the status is hidden from. */
  hiddenForRoles: ("agent" | "backoffice")[];
}

const initial = (s: StatusConfig | null): FormState => ({
  name: s?.name ?? "",
  nameDe: s?.nameDe ?? "",
  category: s?.category ?? "open",
  progress: String(s?.progress ?? 0),
  groupId: s?.groupId ? String(s.groupId) : "",
  hiddenForRoles: s?.hiddenForRoles ?? [],
});

/** Adds a status to a queue, or edits one that is not built in (B2). */
export function StatusForm({
  id, queueId, queueName, status, groups, onDone,
}: {
  id: string;
  queueId: number;
  queueName: string;
  status: StatusConfig | null;
  groups: StatusGroupOption[];
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateQueues();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<FormState>(() => initial(status));
  const options = {
    onSuccess: async () => {
      await invalidate();
      onDone();
    },
  };
  const create = useMutation(trpc.status.create.mutationOptions(options));
  const update = useMutation(trpc.status.update.mutationOptions(options));
  const save = status ? update : create;
  const errors = fieldErrors(save.error);
  // Saving so that no status is "closed" is confirmed separately, not shown as a field error.
  const needsConfirm = Boolean(errors.confirmNoClosed);
  const shownErrors: Record<string, string | undefined> = { ...errors, confirmNoClosed: undefined };
  useFocusFirstInvalid(formRef, needsConfirm ? null : save.error);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    if (save.isError) save.reset();
    setForm((f) => ({ ...f, [key]: value }));
  };

  function send(confirmNoClosed: boolean) {
    const progress = form.progress.trim() === "" ? Number.NaN : Number(form.progress);
    const values = {
      name: form.name, nameDe: form.nameDe, category: form.category, progress,
      groupId: form.groupId ? Number(form.groupId) : null, hiddenForRoles: form.hiddenForRoles, confirmNoClosed,
    };
    if (status) update.mutate({ id: status.id, ...values });
    else create.mutate({ queueId, ...values });
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    send(false);
  }

  const fid = (name: string) => `${id}-${name}`;
  const title = status ? t("statusConfig.editTitle", { name: localName(status, lang) }) : t("statusConfig.newTitle", { queue: queueName });
  return (
    <form ref={formRef} id={id} noValidate onSubmit={submit} aria-label={title} className="space-y-4 rounded-lg border border-slate-200 bg-slate-50/60 p-4">
      <h4 className="text-sm font-semibold text-slate-800">{title}</h4>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <Field id={fid("name")} label={t("statusConfig.name")} error={shownErrors.name} className="lg:col-span-1">
          {(a) => <input {...a} autoComplete="off" value={form.name} onChange={(e) => set("name", e.target.value)} className={textInput} />}
        </Field>
        <Field id={fid("name-de")} label={t("statusConfig.nameDe")} error={shownErrors.nameDe}>
          {(a) => <input {...a} lang="de" autoComplete="off" value={form.nameDe} onChange={(e) => set("nameDe", e.target.value)} className={textInput} />}
        </Field>
        <Field id={fid("category")} label={t("statusConfig.category")} error={shownErrors.category}>
          {(a) => (
            <select {...a} value={form.category} onChange={(e) => set("category", e.target.value as StatusCategory)} className={textInput}>
              {statusCategories.map((c) => (
                <option key={c} value={c}>
                  {t(`statusConfig.category.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={fid("progress")} label={t("statusConfig.progress")} hint={t("statusConfig.progressHint")} error={shownErrors.progress}>
          {(a) => (
            <input
              {...a}
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              value={form.progress}
              onChange={(e) => set("progress", e.target.value)}
              className={textInput}
            />
          )}
        </Field>
        <Field id={fid("group")} label={t("statusConfig.group")} error={shownErrors.groupId}>
          {(a) => (
            <select {...a} value={form.groupId} onChange={(e) => set("groupId", e.target.value)} className={textInput}>
              <option value="">{t("statusConfig.noGroup")}</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {localName(g, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t("statusConfig.hiddenFor")}</legend>
        <p className="text-xs text-slate-500">{t("statusConfig.hiddenForHint")}</p>
        <div className="mt-1 flex flex-wrap gap-4">
          {(["agent", "backoffice"] as const).map((role) => (
            <label key={role} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                checked={form.hiddenForRoles.includes(role)}
                onChange={(e) =>
                  set("hiddenForRoles", e.target.checked ? [...form.hiddenForRoles, role] : form.hiddenForRoles.filter((r) => r !== role))
                }
              />
              {t(`users.role.${role}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {needsConfirm && (
        <div role="alert" className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="flex-1">{t("statusConfig.noClosedWarning", { queue: queueName })}</p>
          <button type="button" className={primaryButton} onClick={() => send(true)} disabled={save.isPending}>
            {t("statusConfig.saveAnyway")}
          </button>
        </div>
      )}
      <div className="flex flex-wrap items-center justify-end gap-3">
        <SaveError error={save.isError && !needsConfirm ? save.error : null} fields={shownErrors} />
        <button type="button" className={secondaryButton} onClick={onDone}>
          {t("statusConfig.cancel")}
        </button>
        <button type="submit" className={primaryButton} disabled={save.isPending}>
          {status ? t("statusConfig.update") : t("statusConfig.add")}
        </button>
      </div>
    </form>
  );
}
