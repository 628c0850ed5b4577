"use client";

import { useMutation, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/Field";
import { SaveBar } from "@/app/_components/SaveBar";
import { fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { QueueLevelsTable } from "./QueueLevelsTable";
import { RightsFieldset } from "./RightsFieldset";
import { SwitchField } from "./SwitchField";
import { userRoles, type QueueLevel, type QueueOption, type StaffRight, type UserAccess, type UserRole } from "./types";

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500";

interface FormState {
  role: UserRole;
  active: boolean;
  canOwnTickets: boolean;
  rights: StaffRight[];
  /** Queue id → level; a queue left out loses its access when saved. */
  queues: Record<string, QueueLevel>;
}

function initialState(u: UserAccess): FormState {
  return {
    role: u.role,
    active: u.active,
    canOwnTickets: u.canOwnTickets,
    rights: [...u.rights],
    queues: Object.fromEntries(Object.entries(u.queues).map(([id, level]) => [String(id), level])),
  };
}

/**
 * One user's access, saved as a whole (user.updateAccess). Saving keeps the form open and
 * shows what the server stored; a refused field gets the focus.
 */
export function UserAccessForm({ id, user, queues }: { id: string; user: UserAccess; queues: UseQueryResult<QueueOption[], unknown> }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<FormState>(() => initialState(user));
  const save = useMutation(
    trpc.user.updateAccess.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.user.list.queryKey(), (list) => list?.map((u) => (u.id === saved.id ? saved : u)));
        setForm(initialState(saved));
      },
    }),
  );
  const errors = fieldErrors(save.error);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    if (save.isSuccess) save.reset();
    setForm((f) => ({ ...f, [key]: value }));
  };
  const setLevel = (queueId: number, level: QueueLevel | "") => {
    const next = { ...form.queues };
    if (level) next[String(queueId)] = level;
    else delete next[String(queueId)];
    set("queues", next);
  };

  // The first refused field gets the focus; switches and groups are marked on their wrapper.
  useEffect(() => {
    if (!save.error) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"] input')?.focus();
  }, [save.error]);

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({
      userId: user.id,
      role: form.role,
      active: form.active,
      canOwnTickets: form.canOwnTickets,
      rights: form.role === "backoffice" ? form.rights : [],
      queues: form.queues,
    });
  }

  const fid = (name: string) => `${id}-${name}`;
  return (
    <form ref={formRef} id={id} noValidate onSubmit={submit} className="space-y-6 border-t border-slate-100 p-5">
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-5">
          <Field id={fid("role")} label={t("users.role")} hint={t("users.roleHint")} error={errors.role}>
            {(a) => (
              <select {...a} value={form.role} onChange={(e) => set("role", e.target.value as UserRole)} className={input}>
                {userRoles.map((r) => (
                  <option key={r} value={r}>
                    {t(`users.role.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <SwitchField
            id={fid("active")}
            title={t("users.account")}
            label={t("users.activeLabel", { name: user.name })}
            hint={t("users.activeHint")}
            error={errors.active}
            checked={form.active}
            onChange={(on) => set("active", on)}
            onText={t("users.state.active")}
            offText={t("users.state.disabled")}
          />
          <SwitchField
            id={fid("can-own")}
            title={t("users.canOwn")}
            label={t("users.canOwnLabel", { name: user.name })}
            hint={t("users.canOwnHint")}
            error={errors.canOwnTickets}
            checked={form.canOwnTickets}
            onChange={(on) => set("canOwnTickets", on)}
            onText={t("users.yes")}
            offText={t("users.no")}
          />
        </div>
        <QueueLevelsTable
          id={fid("queues")}
          queues={queues}
          levels={form.queues}
          onChange={setLevel}
          isAdmin={form.role === "admin"}
          error={errors.queues}
        />
      </div>
      {form.role === "backoffice" && (
        <RightsFieldset id={fid("rights")} rights={form.rights} onChange={(r) => set("rights", r)} error={errors.rights} />
      )}
      <SaveBar save={save} prefix="users" />
    </form>
  );
}
