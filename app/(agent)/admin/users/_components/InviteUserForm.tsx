"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/Field";
import { FIELD_LIMITS } from "@/lib/field-limits";
import { errorCode, errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import { userRoles, type UserRole } from "./types";

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500";

const empty = { name: "", email: "", role: "agent" as UserRole };

/**
 * Invites a user by mail (user.invite): they appear in the list at once, marked as invited,
 * and choose their password from the link. The form empties after a sent invitation and
 * says to whom it went; a refused field gets the focus.
 */
export function InviteUserForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState(empty);
  const invite = useMutation(
    trpc.user.invite.mutationOptions({
      onSuccess: () => {
        setForm(empty);
        void queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.user.pendingInvitations.queryKey() });
      },
    }),
  );
  const server = fieldErrors(invite.error);
  useFocusFirstInvalid(formRef, invite.error);
  // The server's field messages arrive in the reader's language (too long, missing, malformed).
  const errors = {
    name: server.name,
    email: server.email && errorCode(invite.error) === "CONFLICT" ? t("users.invite.emailTaken") : server.email,
    role: server.role,
  };
  const hasFieldErrors = Object.values(server).some(Boolean);

  const set = <K extends keyof typeof empty>(key: K, value: (typeof empty)[K]) => {
    if (invite.isSuccess) invite.reset();
    setForm((f) => ({ ...f, [key]: value }));
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    invite.mutate({ name: form.name, email: form.email, role: form.role });
  }

  return (
    <section aria-labelledby="invite-user-title" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="invite-user-title" className="text-lg font-semibold">
        {t("users.invite.title")}
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("users.invite.intro")}</p>
      <form ref={formRef} noValidate onSubmit={submit} className="mt-4 space-y-4" data-testid="invite-user">
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="invite-name" label={t("users.invite.name")} error={errors.name} limit={FIELD_LIMITS.personName} length={form.name.length}>
            {(a) => (
              <input {...a} name="name" autoComplete="off" value={form.name} onChange={(e) => set("name", e.target.value)} className={input} />
            )}
          </Field>
          <Field id="invite-email" label={t("users.invite.email")} error={errors.email} limit={FIELD_LIMITS.email} length={form.email.length}>
            {(a) => (
              <input
                {...a}
                name="email"
                type="email"
                autoComplete="off"
                value={form.email}
                onChange={(e) => set("email", e.target.value)}
                className={input}
              />
            )}
          </Field>
          <Field id="invite-role" label={t("users.invite.role")} error={errors.role}>
            {(a) => (
              <select {...a} name="role" value={form.role} onChange={(e) => set("role", e.target.value as UserRole)} className={input}>
                {userRoles.map((r) => (
                  <option key={r} value={r}>
                    {t(`users.role.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="flex flex-wrap items-center justify-end gap-3">
          <p role="status" className="text-sm" data-testid="invite-status">
            {invite.isSuccess && <span className="text-emerald-700">{t("users.invite.sent", { email: invite.data.email })}</span>}
            {invite.isError && (
              <span className="text-red-700">
                {hasFieldErrors ? t("common.fixFields") : t("users.invite.error", { message: errorMessage(invite.error, t("common.error")) })}
              </span>
            )}
          </p>
          <button
            type="submit"
            disabled={invite.isPending}
            className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60"
          >
            {invite.isPending ? t("users.invite.submitting") : t("users.invite.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
