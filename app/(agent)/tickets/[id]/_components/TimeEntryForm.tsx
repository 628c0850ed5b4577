"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/Field";
import { fieldErrors } from "@/app/_lib/errors";
import { dateInputValue, euros, startOfDay } from "@/app/_lib/format";
import { useI18n, type MessageKey } from "@/app/_lib/i18n";
import { SaveError } from "@/app/_components/SaveError";
import { useTRPC, useTRPCClient } from "@/app/_lib/trpc";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import { formatMinutes, parseDuration } from "@/lib/time-amounts";
import type { TimeEntryRow } from "./TicketTimes";
import { serviceTypes, type ServiceType } from "@/lib/service-types";
import type { RouterInputs } from "@/app/_lib/api-types";

type TimeValues = Omit<RouterInputs["timeEntry"]["add"], "ticketId">;

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm aria-[invalid=true]:border-red-500";

/**
 * Books time (F2) or changes a booking: time as minutes or h:mm, service type, billable
 * (a new one defaults to the ticket's flag), rate, date and a note.
 */
export function TimeEntryForm({
  ticketId, entry, billableDefault, onDone,
}: {
  ticketId: number;
  entry: TimeEntryRow | null;
  billableDefault: boolean;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const rates = useQuery(trpc.timeEntry.rates.queryOptions());
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState({
    time: entry ? formatMinutes(entry.minutes) : "",
    serviceType: (entry?.serviceType ?? "ticket") as ServiceType,
    billable: entry?.billable ?? billableDefault,
    rateId: entry?.rateId ? String(entry.rateId) : "",
    date: dateInputValue(entry ? new Date(entry.workedAt) : new Date()),
    note: entry?.note ?? "",
  });
  const [timeError, setTimeError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (values: TimeValues) =>
      entry ? client.timeEntry.update.mutate({ id: entry.id, ...values }) : client.timeEntry.add.mutate({ ticketId, ...values }),
    onSuccess: onDone,
  });
  const serverErrors = fieldErrors(save.error);
  const errors: Record<string, string | undefined> = { ...serverErrors, minutes: timeError ?? serverErrors.minutes };
  useFocusFirstInvalid(formRef, save.error ?? timeError);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => {
    if (save.isError) save.reset();
    if (key === "time") setTimeError(undefined);
    setForm((f) => ({ ...f, [key]: value }));
  };

  /** Today: now; the entry's own day: its time; another day: its noon (clear of zone edges). */
  function workedAt(): Date {
    if (entry && dateInputValue(new Date(entry.workedAt)) === form.date) return new Date(entry.workedAt);
    if (form.date === dateInputValue(new Date())) return new Date();
    const day = startOfDay(form.date) ?? new Date();
    day.setHours(12);
    return day;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const minutes = parseDuration(form.time);
    if (minutes === null || minutes < 1) {
      setTimeError(t("times.timeInvalid"));
      return;
    }
    save.mutate({
      minutes, serviceType: form.serviceType, billable: form.billable, rateId: form.rateId ? Number(form.rateId) : null,
      note: form.note, workedAt: workedAt(),
    });
  }

  // An entry keeps a rate that is no longer offered; it is listed so the choice stays visible.
  const offered = rates.data ?? [];
  const keptRate = entry?.rateId && !offered.some((r) => r.id === entry.rateId)
    ? { id: entry.rateId, name: entry.rateName ?? t("times.deletedRate"), centsPerHour: entry.centsPerHour ?? 0 }
    : null;
  const id = (name: string) => `time-${entry?.id ?? "new"}-${name}`;
  const title = entry ? t("times.editTitle") : t("times.bookTitle");

  return (
    <form ref={formRef} noValidate onSubmit={submit} aria-label={title} className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3">
      <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id={id("minutes")} label={t("times.time")} hint={t("times.timeHint")} error={errors.minutes}>
          {(a) => <input {...a} inputMode="numeric" autoComplete="off" value={form.time} onChange={(e) => set("time", e.target.value)} className={input} />}
        </Field>
        <Field id={id("service")} label={t("times.serviceType")} error={errors.serviceType}>
          {(a) => (
            <select {...a} value={form.serviceType} onChange={(e) => set("serviceType", e.target.value as ServiceType)} className={input}>
              {serviceTypes.map((s) => (
                <option key={s} value={s}>
                  {t(`times.service.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={id("date")} label={t("times.date")} error={errors.workedAt}>
          {(a) => <input {...a} type="date" value={form.date} max={dateInputValue(new Date())} onChange={(e) => set("date", e.target.value)} className={input} />}
        </Field>
        <Field id={id("rate")} label={t("times.rate")} error={errors.rateId}>
          {(a) => (
            <select {...a} value={form.rateId} onChange={(e) => set("rateId", e.target.value)} className={input}>
              <option value="">{t("times.noRate")}</option>
              {[...(keptRate ? [keptRate] : []), ...offered].map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} ({euros(r.centsPerHour, lang)})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={id("note")} label={t("times.note")} error={errors.note} className="sm:col-span-2">
          {(a) => <input {...a} autoComplete="off" maxLength={1000} value={form.note} onChange={(e) => set("note", e.target.value)} className={input} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={form.billable} onChange={(e) => set("billable", e.target.checked)} className="h-4 w-4 rounded border-slate-300" />
          {t("times.billable")}
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <SaveError error={save.isError ? save.error : null} fields={serverErrors} />
          <button type="button" onClick={onDone} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
            {t("times.cancel")}
          </button>
          <button type="submit" disabled={save.isPending} className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60">
            {entry ? t("times.save") : t("times.bookSubmit")}
          </button>
        </div>
      </div>
    </form>
  );
}
