"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/Field";
import { PublicCard, publicButton, publicInput, publicLink } from "@/app/_components/PublicCard";
import { fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";

const looksLikeAddress = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);

/**
 * Asks for a password-reset mail. The answer is the same whether the address has an
 * account or not (the server says nothing more), so the confirmation is neutral.
 */
export function ForgotPasswordForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState("");
  const [checked, setChecked] = useState<{ email?: string } | null>(null);
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const serverErrors = fieldErrors(request.error);
  const emailError = checked?.email ?? (serverErrors.email ? t("forgot.emailInvalid") : undefined);
  const otherError = request.isError && !serverErrors.email;
  useFocusFirstInvalid(formRef, checked?.email ? checked : request.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems = looksLikeAddress(email.trim()) ? {} : { email: t("forgot.emailInvalid") };
    setChecked(problems);
    if (problems.email) return;
    request.mutate({ email: email.trim() });
  }

  if (request.isSuccess) {
    return (
      <PublicCard title={t("forgot.sentTitle")}>
        <div role="status" data-testid="reset-requested" className="mt-4 space-y-3 text-sm text-slate-700">
          <p>{t("forgot.sent", { email: request.variables.email })}</p>
          <p className="text-slate-600">{t("forgot.sentHint")}</p>
        </div>
        <p className="mt-6 text-sm">
          <Link href="/login" className={publicLink}>
            {t("forgot.back")}
          </Link>
        </p>
      </PublicCard>
    );
  }

  return (
    <PublicCard title={t("forgot.title")} intro={t("forgot.intro")}>
      <form ref={formRef} noValidate onSubmit={submit} className="mt-6 space-y-4">
        <Field id="forgot-email" label={t("forgot.email")} error={emailError}>
          {(a) => (
            <input
              {...a}
              name="email"
              type="email"
              autoComplete="username"
              autoFocus
              required
              value={email}
              onChange={(e) => {
                setEmail(e.target.value);
                if (checked?.email) setChecked(null);
              }}
              className={publicInput}
            />
          )}
        </Field>
        {otherError && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {t("forgot.error")}
          </p>
        )}
        <button type="submit" disabled={request.isPending} className={publicButton}>
          {request.isPending ? t("forgot.submitting") : t("forgot.submit")}
        </button>
      </form>
      <p className="mt-6 text-center text-sm">
        <Link href="/login" className={publicLink}>
          {t("forgot.back")}
        </Link>
      </p>
    </PublicCard>
  );
}
