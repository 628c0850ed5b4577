"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { localName } from "@/app/_lib/local-name";
import { useTRPC } from "@/app/_lib/trpc";
import {
  MAX_PRIORITY, ruleFieldKinds, ruleModes, ruleOps,
  type MailRuleDraft, type MailRuleRow, type QueueWithStatuses, type RuleFieldKind, type RuleMode, type RuleOp,
} from "./types";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm disabled:bg-slate-50 disabled:text-slate-400 aria-[invalid=true]:border-red-500";
const labelClass = "block text-sm font-medium text-slate-700";
const errorClass = "mt-1 text-sm text-red-700";

interface ConditionState {
  key: number;
  kind: RuleFieldKind;
  header: string;
  op: RuleOp;
  value: string;
}

interface FormState {
  name: string;
  active: boolean;
  match: "all" | "any";
  conditions: ConditionState[];
  mode: RuleMode;
  queueId: string;
  statusId: string;
  priority: string;
  tags: string;
}

/** A field's message, with the id its input points at through aria-describedby. */
function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className={errorClass}>
      {error}
    </p>
  );
}

let keySeq = 0;
const newCondition = (): ConditionState => ({ key: keySeq++, kind: "subject", header: "", op: "contains", value: "" });

function initialState(rule: MailRuleRow | null): FormState {
  if (!rule) {
    return {
      name: "", active: true, match: "all", conditions: [newCondition()], mode: "create",
      queueId: "", statusId: "", priority: "", tags: "",
    };
  }
  const a = rule.actions;
  return {
    name: rule.name,
    active: rule.active,
    match: rule.match,
    conditions: rule.conditions.map((c) => {
      const header = c.field.toLowerCase().startsWith("header:") ? c.field.slice("header:".length) : null;
      const kind = header !== null ? "header" : ((ruleFieldKinds as readonly string[]).includes(c.field) ? c.field : "subject");
      return { key: keySeq++, kind: kind as RuleFieldKind, header: header ?? "", op: c.op, value: c.value };
    }),
    mode: a.mode,
    queueId: a.queueId !== undefined ? String(a.queueId) : "",
    statusId: a.statusId !== undefined ? String(a.statusId) : "",
    priority: a.priority !== undefined ? String(a.priority) : "",
    tags: (a.tags ?? []).join(", "),
  };
}

function toDraft(f: FormState): MailRuleDraft {
  const ignore = f.mode === "ignore";
  const tags = f.tags.split(",").map((s) => s.trim()).filter(Boolean);
  return {
    name: f.name,
    active: f.active,
    match: f.match,
    conditions: f.conditions.map((c) => ({
      field: c.kind === "header" ? `header:${c.header.trim()}` : c.kind,
      op: c.op,
      value: c.value,
    })),
    actions: {
      mode: f.mode,
      queueId: !ignore && f.queueId ? Number(f.queueId) : undefined,
      statusId: !ignore && f.statusId ? Number(f.statusId) : undefined,
      priority: !ignore && f.priority !== "" ? Number(f.priority) : undefined,
      tags: !ignore && tags.length > 0 ? tags : undefined,
    },
  };
}

/** Create or edit one rule: conditions as a growing list, then what the rule does. */
export function RuleForm({
  rule,
  queues,
  onDone,
}: {
  rule: MailRuleRow | null;
  queues: QueueWithStatuses[];
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const uid = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<FormState>(() => initialState(rule));
  const onSuccess = () => {
    void queryClient.invalidateQueries(trpc.mailRule.list.queryFilter());
    onDone();
  };
  const create = useMutation(trpc.mailRule.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.mailRule.update.mutationOptions({ onSuccess }));
  const save = rule ? update : create;
  const errors = fieldErrors(save.error);
  const hasFieldErrors = Object.values(errors).some(Boolean);
  const tagsError = Object.entries(errors).find(([k, v]) => k.startsWith("actions.tags") && v)?.[1];

  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>("input")?.focus();
  }, []);

  // Keyboard and screen-reader users land on the first field that needs fixing (after the
  // error has been rendered, hence an effect rather than the mutation's callback).
  useEffect(() => {
    if (save.error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [save.error]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setCondition = (key: number, patch: Partial<ConditionState>) =>
    setForm((f) => ({ ...f, conditions: f.conditions.map((c) => (c.key === key ? { ...c, ...patch } : c)) }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const draft = toDraft(form);
    if (rule) update.mutate({ ...draft, id: rule.id });
    else create.mutate(draft);
  }

  const queue = queues.find((q) => String(q.id) === form.queueId);
  const ignore = form.mode === "ignore";
  const a11y = (id: string, error: string | undefined) => ({
    id,
    "aria-invalid": error ? (true as const) : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
  });

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={submit}
      aria-labelledby={`${uid}-title`}
      data-testid="rule-form"
      className="space-y-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 id={`${uid}-title`} className="text-lg font-semibold">
        {rule ? t("rules.form.editTitle", { name: rule.name }) : t("rules.form.newTitle")}
      </h2>

      <div className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end">
        <div>
          <label htmlFor={`${uid}-name`} className={labelClass}>
            {t("rules.form.name")}
          </label>
          <input
            {...a11y(`${uid}-name`, errors.name)}
            type="text"
            value={form.name}
            onChange={(e) => set("name", e.target.value)}
            className={`mt-1 ${inputClass}`}
          />
          <ErrorText id={`${uid}-name`} error={errors.name} />
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
          <input type="checkbox" checked={form.active} onChange={(e) => set("active", e.target.checked)} className="h-4 w-4" />
          {t("rules.form.active")}
        </label>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">{t("rules.form.conditions")}</legend>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700">
          <span>{t("rules.form.matchLabel")}</span>
          {(["all", "any"] as const).map((m) => (
            <label key={m} className="flex items-center gap-1.5">
              <input type="radio" name={`${uid}-match`} checked={form.match === m} onChange={() => set("match", m)} />
              {t(`rules.form.match.${m}`)}
            </label>
          ))}
        </div>
        <ol className="space-y-3">
          {form.conditions.map((c, i) => {
            const base = `${uid}-c${c.key}`;
            const fieldErr = errors[`conditions.${i}.field`];
            const opErr = errors[`conditions.${i}.op`];
            const valueErr = errors[`conditions.${i}.value`];
            return (
              <li key={c.key} data-testid="rule-condition" className="rounded-lg border border-slate-200 bg-slate-50 p-3">
                <div className="grid gap-2 sm:grid-cols-[10rem_9rem_minmax(0,1fr)_auto] sm:items-start">
                  <div>
                    <label htmlFor={`${base}-field`} className="sr-only">
                      {t("rules.form.fieldLabel", { n: i + 1 })}
                    </label>
                    <select
                      {...a11y(`${base}-field`, c.kind === "header" ? undefined : fieldErr)}
                      value={c.kind}
                      onChange={(e) => setCondition(c.key, { kind: e.target.value as RuleFieldKind })}
                      className={inputClass}
                    >
                      {ruleFieldKinds.map((k) => (
                        <option key={k} value={k}>
                          {t(`rules.field.${k}`)}
                        </option>
                      ))}
                    </select>
                    {c.kind === "header" && (
                      <>
                        <label htmlFor={`${base}-header`} className="sr-only">
                          {t("rules.form.headerName", { n: i + 1 })}
                        </label>
                        <input
                          {...a11y(`${base}-header`, fieldErr)}
                          type="text"
                          value={c.header}
                          placeholder={t("rules.form.headerPlaceholder")}
                          onChange={(e) => setCondition(c.key, { header: e.target.value })}
                          className={`mt-2 font-mono ${inputClass}`}
                        />
                      </>
                    )}
                  </div>
                  <div>
                    <label htmlFor={`${base}-op`} className="sr-only">
                      {t("rules.form.opLabel", { n: i + 1 })}
                    </label>
                    <select
                      {...a11y(`${base}-op`, opErr)}
                      value={c.op}
                      onChange={(e) => setCondition(c.key, { op: e.target.value as RuleOp })}
                      className={inputClass}
                    >
                      {ruleOps.map((op) => (
                        <option key={op} value={op}>
                          {t(`rules.op.${op}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`${base}-value`} className="sr-only">
                      {t("rules.form.valueLabel", { n: i + 1 })}
                    </label>
                    <input
                      {...a11y(`${base}-value`, valueErr)}
                      type="text"
                      value={c.value}
                      maxLength={500}
                      spellCheck={false}
                      placeholder={c.op === "regex" ? t("rules.form.regexPlaceholder") : t("rules.form.valuePlaceholder")}
                      onChange={(e) => setCondition(c.key, { value: e.target.value })}
                      className={`${c.op === "regex" ? "font-mono " : ""}${inputClass}`}
                    />
                  </div>
                  <button
                    type="button"
                    onClick={() => setForm((f) => ({ ...f, conditions: f.conditions.filter((x) => x.key !== c.key) }))}
                    disabled={form.conditions.length === 1}
                    aria-label={t("rules.form.removeCondition", { n: i + 1 })}
                    title={t("rules.form.removeCondition", { n: i + 1 })}
                    className="justify-self-end rounded-md border border-slate-300 bg-white px-2.5 py-2 text-sm text-slate-600 hover:bg-slate-100 disabled:opacity-40 sm:justify-self-auto"
                  >
                    ✕
                  </button>
                </div>
                <ErrorText id={`${base}-header`} error={c.kind === "header" ? fieldErr : undefined} />
                <ErrorText id={`${base}-field`} error={c.kind === "header" ? undefined : fieldErr} />
                <ErrorText id={`${base}-op`} error={opErr} />
                <ErrorText id={`${base}-value`} error={valueErr} />
              </li>
            );
          })}
        </ol>
        {errors.conditions && <p className={errorClass}>{errors.conditions}</p>}
        <div className="flex flex-wrap items-center justify-between gap-2">
          <button
            type="button"
            onClick={() => setForm((f) => ({ ...f, conditions: [...f.conditions, newCondition()] }))}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            {t("rules.form.addCondition")}
          </button>
          <p className="text-xs text-slate-500">{t("rules.form.caseHint")}</p>
        </div>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">{t("rules.form.actions")}</legend>
        <div className="space-y-1.5">
          {ruleModes.map((m) => (
            <label key={m} className="flex items-start gap-2 text-sm text-slate-700">
              <input type="radio" name={`${uid}-mode`} checked={form.mode === m} onChange={() => set("mode", m)} className="mt-0.5" />
              <span>
                <span className="font-medium text-slate-900">{t(`rules.mode.${m}`)}</span>
                <span className="block text-slate-500">{t(`rules.mode.${m}.hint`)}</span>
              </span>
            </label>
          ))}
          {errors["actions.mode"] && <p className={errorClass}>{errors["actions.mode"]}</p>}
        </div>

        {ignore && <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">{t("rules.form.ignoreHint")}</p>}
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={`${uid}-queue`} className={labelClass}>
              {t("rules.form.queue")}
            </label>
            <select
              {...a11y(`${uid}-queue`, errors["actions.queueId"])}
              value={form.queueId}
              disabled={ignore}
              onChange={(e) => {
                const next = queues.find((q) => String(q.id) === e.target.value);
                setForm((f) => ({
                  ...f,
                  queueId: e.target.value,
                  // A status belongs to one queue: keep it only if it fits the new one.
                  statusId: next && !next.statuses.some((s) => String(s.id) === f.statusId) ? "" : f.statusId,
                }));
              }}
              className={`mt-1 ${inputClass}`}
            >
              <option value="">{t("rules.form.queueKeep")}</option>
              {queues.map((q) => (
                <option key={q.id} value={q.id}>
                  {localName(q, lang)}
                </option>
              ))}
            </select>
            <ErrorText id={`${uid}-queue`} error={errors["actions.queueId"]} />
          </div>
          <div>
            <label htmlFor={`${uid}-status`} className={labelClass}>
              {t("rules.form.status")}
            </label>
            <select
              {...a11y(`${uid}-status`, errors["actions.statusId"])}
              value={form.statusId}
              disabled={ignore}
              onChange={(e) => set("statusId", e.target.value)}
              className={`mt-1 ${inputClass}`}
            >
              <option value="">{t("rules.form.statusKeep")}</option>
              {queue
                ? queue.statuses.map((s) => (
                    <option key={s.id} value={s.id}>
                      {localName(s, lang)}
                    </option>
                  ))
                : queues.map((q) => (
                    <optgroup key={q.id} label={localName(q, lang)}>
                      {q.statuses.map((s) => (
                        <option key={s.id} value={s.id}>
                          {localName(s, lang)}
                        </option>
                      ))}
                    </optgroup>
                  ))}
            </select>
            <ErrorText id={`${uid}-status`} error={errors["actions.statusId"]} />
          </div>
          <div>
            <label htmlFor={`${uid}-priority`} className={labelClass}>
              {t("rules.form.priority")}
            </label>
            <select
              {...a11y(`${uid}-priority`, errors["actions.priority"])}
              value={form.priority}
              disabled={ignore}
              onChange={(e) => set("priority", e.target.value)}
              className={`mt-1 ${inputClass}`}
            >
              <option value="">{t("rules.form.priorityKeep")}</option>
              {Array.from({ length: MAX_PRIORITY + 1 }, (_, p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
            <ErrorText id={`${uid}-priority`} error={errors["actions.priority"]} />
          </div>
          <div>
            <label htmlFor={`${uid}-tags`} className={labelClass}>
              {t("rules.form.tags")}
              <span className="ml-1 font-normal text-slate-500">({t("rules.form.tagsHint")})</span>
            </label>
            <input
              {...a11y(`${uid}-tags`, tagsError)}
              type="text"
              value={form.tags}
              disabled={ignore}
              placeholder={t("rules.form.tagsPlaceholder")}
              onChange={(e) => set("tags", e.target.value)}
              className={`mt-1 ${inputClass}`}
            />
            <ErrorText id={`${uid}-tags`} error={tagsError} />
          </div>
        </div>
      </fieldset>

      {save.isError && !hasFieldErrors && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("rules.form.saveError", { message: errorMessage(save.error, t("common.error")) })}
        </p>
      )}
      {hasFieldErrors && (
        <p role="alert" className="sr-only">
          {t("rules.form.fixErrors")}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button
          type="button"
          onClick={onDone}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          {t("rules.form.cancel")}
        </button>
        <button
          type="submit"
          disabled={save.isPending}
          className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60"
        >
          {save.isPending ? t("rules.form.saving") : t("rules.form.save")}
        </button>
      </div>
    </form>
  );
}
