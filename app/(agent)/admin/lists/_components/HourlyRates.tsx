"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/Field";
import { EmptyState, ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { Switch } from "@/app/_components/Switch";
import type { RouterOutputs } from "@/app/_lib/api-types";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { euros, parseEuros } from "@/app/_lib/format";
import { useI18n } from "@/app/_lib/i18n";
import { SaveError } from "@/app/_components/SaveError";
import { useTRPC, useTRPCClient } from "@/app/_lib/trpc";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import { adminTable as s } from "../../_components/AdminSection";
import { cell, dangerButton, MoveButtons, primaryButton, secondaryButton, smallButton, textInput } from "../../_components/ConfigParts";

type Rate = RouterOutputs["hourlyRate"]["list"][number];

/**
 * F3: the hourly rates agents choose from when booking time: name, € per hour, active, order.
 * Entries copy the amount when booked, so editing or deleting a rate leaves them as they are.
 */
export function HourlyRates() {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.hourlyRate.list.queryOptions(undefined, { staleTime: 0 }));
  const [editing, setEditing] = useState<null | "new" | Rate>(null);
  const [deleting, setDeleting] = useState<Rate | null>(null);
  const refresh = () => Promise.all([queryClient.invalidateQueries(trpc.hourlyRate.pathFilter()), queryClient.invalidateQueries(trpc.timeEntry.rates.pathFilter())]);
  const move = useMutation({ mutationFn: (v: { id: number; direction: "up" | "down" }) => client.hourlyRate.move.mutate(v), onSettled: refresh });
  const setActive = useMutation({ mutationFn: (v: { id: number; active: boolean }) => client.hourlyRate.setActive.mutate(v), onSettled: refresh });
  const remove = useMutation({
    mutationFn: (id: number) => client.hourlyRate.delete.mutate({ id }),
    onSuccess: () => setDeleting(null),
    onSettled: refresh,
  });
  const failed = [move, setActive, remove].find((m) => m.isError);

  return (
    <section aria-labelledby="hourlyRate-title" className="space-y-4" data-testid="list-hourlyRate">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="hourlyRate-title" className="text-lg font-semibold">
            {t("rates.title")}
          </h2>
          <p className="max-w-3xl text-sm text-slate-600">{t("rates.intro")}</p>
        </div>
        <button type="button" className={primaryButton} onClick={() => { setDeleting(null); setEditing("new"); }} disabled={editing === "new"}>
          {t("rates.new")}
        </button>
      </div>
      {failed && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errorMessage(failed.error, t("common.error"))}
        </p>
      )}
      {list.isPending ? (
        <LoadingLine />
      ) : list.isError ? (
        <ErrorState message={t("admin.loadError")} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState message={t("rates.empty")} />
      ) : (
        <div className={s.wrap}>
          <table className={s.table} aria-label={t("rates.title")}>
            <thead>
              <tr>
                <th scope="col" className={`${s.th} w-10`}>#</th>
                <th scope="col" className={s.th}>{t("lists.col.name")}</th>
                <th scope="col" className={`${s.th} text-right`}>{t("rates.perHour")}</th>
                <th scope="col" className={s.th}>{t("lists.col.active")}</th>
                <th scope="col" className={`${s.th} text-right`}>{t("rates.entries")}</th>
                <th scope="col" className={s.th}><span className="sr-only">{t("lists.col.tools")}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((r, i, rows) => {
                const active = setActive.isPending && setActive.variables.id === r.id ? setActive.variables.active : r.active;
                return (
                  <tr key={r.id} data-testid="rate-row" className={`${editing !== "new" && editing?.id === r.id ? "bg-blue-50" : ""} ${active ? "" : "text-slate-400"}`}>
                    <td className={`${cell} tabular-nums text-slate-500`}>{i + 1}</td>
                    <th scope="row" className={`${cell} text-left font-medium ${active ? "text-slate-900" : ""}`}>{r.name}</th>
                    <td className={`${cell} text-right tabular-nums`}>{euros(r.centsPerHour, lang)}</td>
                    <td className={cell}>
                      <Switch
                        checked={active}
                        onChange={(on) => setActive.mutate({ id: r.id, active: on })}
                        label={t("lists.activeToggle", { name: r.name })}
                        onText={t("lists.active")}
                        offText={t("lists.inactive")}
                      />
                    </td>
                    <td className={`${cell} text-right tabular-nums`}>{r.entryCount}</td>
                    <td className={`${cell} whitespace-nowrap text-right`}>
                      <span className="inline-flex gap-1">
                        <MoveButtons
                          upLabel={t("lists.moveUp", { name: r.name })}
                          downLabel={t("lists.moveDown", { name: r.name })}
                          first={i === 0}
                          last={i === rows.length - 1}
                          disabled={move.isPending}
                          onMove={(direction) => move.mutate({ id: r.id, direction })}
                        />
                        <button type="button" className={smallButton} aria-label={t("lists.editNamed", { name: r.name })} onClick={() => { setDeleting(null); setEditing(r); }}>
                          {t("lists.edit")}
                        </button>
                        <button type="button" className={`${smallButton} text-red-700`} aria-label={t("lists.deleteNamed", { name: r.name })} onClick={() => { setEditing(null); setDeleting(r); }}>
                          {t("lists.delete")}
                        </button>
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <div role="group" aria-label={t("lists.deleteNamed", { name: deleting.name })} className="flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50/60 p-4 text-sm">
          <p className="flex-1 text-red-900">{t("rates.deleteConfirm", { name: deleting.name, count: deleting.entryCount })}</p>
          <button type="button" className={dangerButton} disabled={remove.isPending} onClick={() => remove.mutate(deleting.id)}>
            {t("lists.deleteEntry")}
          </button>
          <button type="button" className={secondaryButton} onClick={() => setDeleting(null)}>
            {t("lists.cancel")}
          </button>
        </div>
      )}
      {editing !== null && (
        <RateForm key={editing === "new" ? "new" : editing.id} rate={editing === "new" ? null : editing} onDone={() => setEditing(null)} refresh={refresh} />
      )}
    </section>
  );
}

function RateForm({ rate, onDone, refresh }: { rate: Rate | null; onDone: () => void; refresh: () => Promise<unknown> }) {
  const { t, lang } = useI18n();
  const client = useTRPCClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(rate?.name ?? "");
  const [amount, setAmount] = useState(rate ? new Intl.NumberFormat(lang, { minimumFractionDigits: 2, useGrouping: false }).format(rate.centsPerHour / 100) : "");
  const [amountError, setAmountError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (values: { name: string; centsPerHour: number }) =>
      rate ? client.hourlyRate.update.mutate({ id: rate.id, ...values }) : client.hourlyRate.create.mutate(values),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  const errors = fieldErrors(save.error);
  useFocusFirstInvalid(formRef, save.error ?? amountError);
  function submit(e: FormEvent) {
    e.preventDefault();
    const cents = parseEuros(amount);
    if (cents === null) {
      setAmountError(t("rates.amountInvalid"));
      return;
    }
    save.mutate({ name, centsPerHour: cents });
  }
  const title = rate ? t("lists.editTitle", { name: rate.name }) : t("rates.newTitle");
  return (
    <form ref={formRef} noValidate onSubmit={submit} aria-label={title} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="rate-name" label={t("lists.name")} error={errors.name}>
          {(a) => <input {...a} autoComplete="off" value={name} onChange={(e) => { save.reset(); setName(e.target.value); }} className={textInput} />}
        </Field>
        <Field id="rate-amount" label={t("rates.perHourLabel")} hint={t("rates.amountHint")} error={amountError ?? errors.centsPerHour}>
          {(a) => (
            <input
              {...a}
              inputMode="decimal"
              autoComplete="off"
              value={amount}
              onChange={(e) => { save.reset(); setAmountError(undefined); setAmount(e.target.value); }}
              className={textInput}
            />
          )}
        </Field>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-3">
        <SaveError error={save.isError ? save.error : null} fields={errors} />
        <button type="button" className={secondaryButton} onClick={onDone}>
          {t("lists.cancel")}
        </button>
        <button type="submit" className={primaryButton} disabled={save.isPending}>
          {rate ? t("lists.update") : t("lists.add")}
        </button>
      </div>
    </form>
  );
}
