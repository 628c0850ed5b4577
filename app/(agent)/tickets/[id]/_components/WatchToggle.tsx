"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";

/** "Watch this ticket" (C12): a toggle button; watchers are notified of every new entry. */
export function WatchToggle({ ticketId }: { ticketId: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.notification.isWatching.queryKey({ ticketId });
  const watching = useQuery(trpc.notification.isWatching.queryOptions({ ticketId }));
  const options = {
    onSuccess: (now: boolean) => queryClient.setQueryData(key, now),
  };
  const watch = useMutation(trpc.notification.watch.mutationOptions(options));
  const unwatch = useMutation(trpc.notification.unwatch.mutationOptions(options));
  const busy = watch.isPending || unwatch.isPending;
  const pressed = watching.data === true;
  const error = watch.error ?? unwatch.error;

  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        aria-pressed={pressed}
        aria-describedby={`watch-hint-${ticketId}`}
        disabled={watching.isPending || busy}
        onClick={() => (pressed ? unwatch : watch).mutate({ ticketId })}
        data-testid="watch-toggle"
        className={`inline-flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm font-medium shadow-sm disabled:opacity-60 ${
          pressed
            ? "border-blue-300 bg-blue-50 text-blue-800 hover:bg-blue-100"
            : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
        }`}
      >
        <EyeIcon filled={pressed} />
        {t("watch.label")}
      </button>
      <p id={`watch-hint-${ticketId}`} className="sr-only">
        {pressed ? t("watch.hintOn") : t("watch.hintOff")}
      </p>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {t("watch.error", { message: errorMessage(error, t("common.error")) })}
        </p>
      )}
    </div>
  );
}

function EyeIcon({ filled }: { filled: boolean }) {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6">
      <path strokeLinejoin="round" d="M1.8 10S4.8 4.5 10 4.5 18.2 10 18.2 10 15.2 15.5 10 15.5 1.8 10 1.8 10Z" />
      <circle cx="10" cy="10" r="2.6" fill={filled ? "currentColor" : "none"} />
    </svg>
  );
}
