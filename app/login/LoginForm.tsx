"use client";

import { useQueryClient } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { LanguageSwitch } from "@/app/_components/LanguageSwitch";
import { useI18n } from "@/app/_lib/i18n";
import { afterSignInPath } from "@/lib/safe-redirect";

export function LoginForm() {
  const { t } = useI18n();
  const router = useRouter();
  const params = useSearchParams();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    // Our own message, in the UI language, instead of the browser's bubble (noValidate).
    if (!email.trim() || !password) {
      setError(t("login.missing"));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { redirect: false, email, password });
      if (!res || res.error || !res.ok) {
        // One message for unknown address and wrong password alike.
        setError(res && (res.error || res.status === 401) ? t("login.failed") : t("login.unavailable"));
        setPending(false);
        return;
      }
      queryClient.clear(); // nothing from a previous session may linger
      // Only a path of this origin is followed (no open redirect).
      router.replace(afterSignInPath(params.get("next"), window.location.origin));
    } catch {
      setError(t("login.unavailable"));
      setPending(false);
    }
  }

  const input =
    "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm placeholder:text-slate-400";

  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="absolute right-4 top-4">
        <LanguageSwitch />
      </div>
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-lg font-semibold tracking-tight text-blue-700">{t("app.name")}</p>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold">{t("login.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("login.intro")}</p>
          <form noValidate onSubmit={submit} className="mt-6 space-y-4">
            <div>
              <label htmlFor="login-email" className="block text-sm font-medium text-slate-700">
                {t("login.email")}
              </label>
              <input
                id="login-email"
                name="email"
                type="email"
                autoComplete="username"
                required
                autoFocus
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "login-error" : undefined}
                className={input}
              />
            </div>
            <div>
              <label htmlFor="login-password" className="block text-sm font-medium text-slate-700">
                {t("login.password")}
              </label>
              <input
                id="login-password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "login-error" : undefined}
                className={input}
              />
            </div>
            {error && (
              <p id="login-error" role="alert" data-testid="login-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                {error}
              </p>
            )}
            <button
              type="submit"
              disabled={pending}
              className="w-full rounded-md bg-blue-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60"
            >
              {pending ? t("login.submitting") : t("login.submit")}
            </button>
          </form>
          <p className="mt-4 text-center text-sm">
            <Link href="/forgot-password" className="font-medium text-blue-700 underline-offset-2 hover:underline">
              {t("login.forgot")}
            </Link>
          </p>
        </div>
      </div>
    </main>
  );
}
