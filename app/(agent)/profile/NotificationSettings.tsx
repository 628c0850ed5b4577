"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Switch } from "@/app/_components/Switch";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import type { RouterOutputs } from "@/app/_lib/api-types";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n, type MessageKey } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";

type Preferences = RouterOutputs["notification"]["mailPreferences"];
type Kind = keyof Preferences;

const kinds: { kind: Kind; label: MessageKey }[] = [
  { kind: "entry", label: "notifications.settings.kind.entry" },
  { kind: "assigned", label: "notifications.settings.kind.assigned" },
  { kind: "mention", label: "notifications.settings.kind.mention" },
  { kind: "lock_taken_over", label: "notifications.settings.kind.lock_taken_over" },
  { kind: "alarm", label: "notifications.settings.kind.alarm" },
];

/**
 * Which notifications also come by e-mail (E4). Every one shows under the bell; each switch
 * saves at once.
 */
export function NotificationSettings() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.notification.mailPreferences.queryKey();
  const prefs = useQuery(trpc.notification.mailPreferences.queryOptions(undefined, { staleTime: 0 }));
  const save = useMutation(
    trpc.notification.updateMailPreferences.mutationOptions({
      onMutate: (change) => {
        const before = queryClient.getQueryData<Preferences>(key);
        if (before) queryClient.setQueryData<Preferences>(key, { ...before, ...change });
        return { before };
      },
      onError: (_err, _change, ctx) => {
        if (ctx?.before) queryClient.setQueryData(key, ctx.before);
      },
      onSuccess: (saved) => queryClient.setQueryData(key, saved),
    }),
  );

  return (
    <section aria-labelledby="notification-settings" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="notification-settings" className="text-base font-semibold text-slate-900">
        {t("notifications.settings.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("notifications.settings.intro")}</p>
      {prefs.isPending ? (
        <LoadingLine />
      ) : prefs.isError ? (
        <div className="mt-3">
          <ErrorState message={t("notifications.settings.loadError")} onRetry={() => prefs.refetch()} />
        </div>
      ) : (
        <table className="mt-4 w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <th scope="col" className="pb-2 font-semibold">{t("notifications.settings.event")}</th>
              <th scope="col" className="pb-2 text-right font-semibold">{t("notifications.settings.byMail")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {kinds.map(({ kind, label }) => (
              <tr key={kind}>
                <th scope="row" className="py-2.5 pr-4 text-left font-normal text-slate-800">
                  {t(label)}
                </th>
                <td className="py-2.5 text-right">
                  <Switch
                    checked={prefs.data[kind]}
                    onChange={(mail) => save.mutate({ [kind]: mail })}
                    label={t("notifications.settings.mailLabel", { kind: t(label) })}
                    onText={t("notifications.settings.on")}
                    offText={t("notifications.settings.off")}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p role="status" className="mt-1 text-sm">
        {save.isSuccess && <span className="text-emerald-700">{t("notifications.settings.saved")}</span>}
        {save.isError && (
          <span className="text-red-700">{t("notifications.settings.error", { message: errorMessage(save.error, t("common.error")) })}</span>
        )}
      </p>
    </section>
  );
}
