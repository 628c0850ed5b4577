"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";

/** Teams watching the ticket (E4): each member is told of new entries; add or remove a team here. */
export function TeamWatchers({ ticketId }: { ticketId: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const selectId = useId();
  const watching = useQuery(trpc.team.watching.queryOptions({ ticketId }));
  const teams = useQuery(trpc.team.list.queryOptions(undefined, { staleTime: 60_000 }));
  const set = useMutation(
    trpc.team.setWatching.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.team.watching.queryFilter({ ticketId })),
    }),
  );
  const current = watching.data ?? [];
  const addable = (teams.data ?? []).filter((team) => !current.some((w) => w.id === team.id));
  if (watching.isError) return null; // the rest of the panel stays usable
  return (
    <div data-testid="team-watchers">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("teams.watching")}</p>
      <ul className="mt-1 flex flex-wrap gap-1.5">
        {current.length === 0 && <li className="text-sm text-slate-500">{t("teams.none")}</li>}
        {current.map((team) => (
          <li key={team.id} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-2.5 pr-1 text-xs text-slate-800">
            {team.name}
            <button
              type="button"
              onClick={() => set.mutate({ ticketId, teamId: team.id, watching: false })}
              disabled={set.isPending}
              aria-label={t("teams.remove", { name: team.name })}
              className="rounded-full px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {addable.length > 0 && (
        <div className="mt-1.5">
          <label htmlFor={selectId} className="sr-only">
            {t("teams.add")}
          </label>
          <select
            id={selectId}
            value=""
            disabled={set.isPending}
            onChange={(e) => e.target.value && set.mutate({ ticketId, teamId: Number(e.target.value), watching: true })}
            className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700"
          >
            <option value="">{t("teams.add")}</option>
            {addable.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {set.isError && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {t("teams.error", { message: errorMessage(set.error, t("common.error")) })}
        </p>
      )}
    </div>
  );
}
