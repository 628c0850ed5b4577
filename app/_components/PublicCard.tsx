"use client";

import type { ReactNode } from "react";
import { LanguageSwitch } from "@/app/_components/LanguageSwitch";
import { useI18n } from "@/app/_lib/i18n";

/** The frame of the pages reachable without signing in (password reset, set password): as the sign-in page. */
export function PublicCard({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="absolute right-4 top-4">
        <LanguageSwitch />
      </div>
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-lg font-semibold tracking-tight text-blue-700">{t("app.name")}</p>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold">{title}</h1>
          {intro && <p className="mt-1 text-sm text-slate-600">{intro}</p>}
          {children}
        </div>
      </div>
    </main>
  );
}

export const publicInput =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm placeholder:text-slate-400 aria-[invalid=true]:border-red-500";

export const publicButton =
  "w-full rounded-md bg-blue-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60";

export const publicLink = "font-medium text-blue-700 underline-offset-2 hover:underline";
