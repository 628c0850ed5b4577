"use client";

import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useI18n } from "@/app/_lib/i18n";
import { closeSocket } from "@/app/_lib/socket";
import { useTRPC } from "@/app/_lib/trpc";

/** Ends every session of the user (other browsers, lost devices, this tab), then shows the sign-in page. */
export function SignOutEverywhere() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const end = useMutation(
    trpc.me.signOutEverywhere.mutationOptions({
      onSuccess: async () => {
        closeSocket();
        await signOut({ callbackUrl: "/login" });
      },
    }),
  );
  return (
    <section aria-labelledby="profile-sessions" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="profile-sessions" className="text-sm font-semibold text-slate-800">
        {t("profile.sessions")}
      </h2>
      <p className="text-sm text-slate-600">{t("profile.sessionsHint")}</p>
      {end.isError && (
        <p role="alert" className="text-sm text-red-700">
          {t("profile.signOutEverywhereError")}
        </p>
      )}
      <button
        type="button"
        onClick={() => end.mutate({})}
        disabled={end.isPending || end.isSuccess}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
      >
        {end.isPending || end.isSuccess ? t("profile.signingOutEverywhere") : t("profile.signOutEverywhere")}
      </button>
    </section>
  );
}
