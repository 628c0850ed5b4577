"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/Field";
import { PublicCard, publicButton, publicInput, publicLink } from "@/app/_components/PublicCard";
import { LoadingLine } from "@/app/_components/StateMessages";
import { fieldErrors } from "@/app/_lib/errors";
import { useI18n, type Translate } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from "@/lib/password-policy";

interface Problems {
  password?: string;
  repeat?: string;
}

function check(t: Translate, password: string, repeat: string): Problems {
  const problem = passwordProblem(password);
  const out: Problems = {};
  if (problem === "tooShort") out.password = t("setPassword.tooShort", { min: PASSWORD_MIN_LENGTH });
  if (problem === "tooLong") out.password = t("setPassword.tooLong", { max: PASSWORD_MAX_LENGTH });
  if (!out.password && password !== repeat) out.repeat = t("setPassword.mismatch");
  return out;
}

/**
 * The page an invitation or reset link opens: a new password, twice. The token comes from
 * the link; an unknown, used or expired one gets one message and a way to a new link.
 */
export function SetPasswordForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const token = useSearchParams().get("token") ?? "";
  const formRef = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  // Said before a password is typed; the save checks again (a check that fails to load shows the form).
  const link = useQuery(
    trpc.auth.checkLink.queryOptions({ token }, { enabled: !!token, staleTime: Infinity, refetchOnWindowFocus: false, retry: 1 }),
  );
  const save = useMutation(trpc.auth.setPassword.mutationOptions());
  const serverErrors = fieldErrors(save.error);
  useFocusFirstInvalid(formRef, problems?.password || problems?.repeat ? problems : save.error);

  if (save.isSuccess) {
    return (
      <PublicCard title={t("setPassword.doneTitle")}>
        <p role="status" data-testid="password-saved" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {t("setPassword.done", { email: save.data.email })}
        </p>
        <Link href="/login" className={`${publicButton} mt-6 block text-center`}>
          {t("setPassword.signIn")}
        </Link>
      </PublicCard>
    );
  }

  if (token && link.isPending) {
    return (
      <PublicCard title={t("setPassword.title")}>
        <LoadingLine />
      </PublicCard>
    );
  }

  if (!token || link.data?.valid === false || serverErrors.token) {
    return (
      <PublicCard title={t("setPassword.title")}>
        <div role="alert" data-testid="invalid-link" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          <p className="font-medium">{t("setPassword.invalidLink")}</p>
          <p className="mt-1">{t("setPassword.invalidLinkHint")}</p>
        </div>
        <p className="mt-6 flex flex-wrap justify-between gap-3 text-sm">
          <Link href="/forgot-password" className={publicLink}>
            {t("setPassword.requestNew")}
          </Link>
          <Link href="/login" className={publicLink}>
            {t("forgot.back")}
          </Link>
        </p>
      </PublicCard>
    );
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = check(t, password, repeat);
    setProblems(found);
    if (found.password || found.repeat) return;
    save.mutate({ token, password });
  }

  // The server checks the same policy; its refusal (if the two ever differ) is shown as it says.
  const passwordError = problems?.password ?? (serverErrors.password ? check(t, password, password).password ?? serverErrors.password : undefined);
  const otherError = save.isError && !serverErrors.password;
  return (
    <PublicCard title={t("setPassword.title")} intro={t("setPassword.intro")}>
      <form ref={formRef} noValidate onSubmit={submit} className="mt-6 space-y-4">
        <Field
          id="new-password"
          label={t("setPassword.password")}
          hint={t("setPassword.passwordHint", { min: PASSWORD_MIN_LENGTH })}
          error={passwordError}
        >
          {(a) => (
            <input
              {...a}
              name="password"
              type="password"
              autoComplete="new-password"
              autoFocus
              required
              minLength={PASSWORD_MIN_LENGTH}
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                // A field's error goes as soon as it is being fixed; the next save checks again.
                if (problems) setProblems(null);
                if (save.isError) save.reset();
              }}
              className={publicInput}
            />
          )}
        </Field>
        <Field id="repeat-password" label={t("setPassword.repeat")} error={problems?.repeat}>
          {(a) => (
            <input
              {...a}
              name="repeat"
              type="password"
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(e) => {
                setRepeat(e.target.value);
                if (problems?.repeat) setProblems({ ...problems, repeat: undefined });
              }}
              className={publicInput}
            />
          )}
        </Field>
        {otherError && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {t("setPassword.error")}
          </p>
        )}
        <button type="submit" disabled={save.isPending} className={publicButton}>
          {save.isPending ? t("setPassword.submitting") : t("setPassword.submit")}
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
