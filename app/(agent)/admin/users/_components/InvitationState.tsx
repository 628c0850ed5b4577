"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import type { UserAccess } from "./types";

/** For an invited user without a password yet: send the invitation again (the earlier link stops working). */
export function InvitationState({ user }: { user: Pick<UserAccess, "id" | "name"> }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resend = useMutation(
    trpc.user.resendInvite.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.user.pendingInvitations.queryKey() }),
    }),
  );
  return (
    <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 px-4 py-2">
      <p role="status" className="text-sm">
        {resend.isSuccess && <span className="text-emerald-700">{t("users.invitation.resent")}</span>}
        {resend.isError && (
          <span className="text-red-700">{t("users.invitation.resendError", { message: errorMessage(resend.error, t("common.error")) })}</span>
        )}
      </p>
      <button
        type="button"
        disabled={resend.isPending}
        onClick={() => resend.mutate({ userId: user.id })}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60"
      >
        {resend.isPending ? t("users.invitation.resending") : t("users.invitation.resend", { name: user.name })}
      </button>
    </div>
  );
}
