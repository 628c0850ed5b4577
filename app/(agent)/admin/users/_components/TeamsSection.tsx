"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Field } from "@/app/_components/Field";
import type { RouterOutputs } from "@/app/_lib/api-types";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { AdminSection } from "../../_components/AdminSection";

type Team = RouterOutputs["team"]["list"][number];
type User = RouterOutputs["user"]["list"][number];

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500";
const button = "rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60";

/** Teams (E4): named groups of users that can watch tickets together. */
export function TeamsSection({ users }: { users: User[] }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const teams = useQuery(trpc.team.list.queryOptions(undefined, { staleTime: 0 }));
  const [editing, setEditing] = useState<Team | "new" | null>(null);
  return (
    <div className="space-y-3">
      <AdminSection id="teams-heading" title={t("teams.title")} intro={t("teams.intro")} query={teams} empty={t("teams.empty")}>
        {(rows) => (
          <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
            {rows.map((team) => (
              <li key={team.id} className="p-4" data-testid="team-row">
                {editing !== "new" && editing?.id === team.id ? (
                  <TeamForm team={team} users={users} onDone={() => setEditing(null)} />
                ) : (
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <div>
                      <p className="font-medium text-slate-900">{team.name}</p>
                      <p className="text-xs text-slate-500">
                        {team.memberIds.map((id) => users.find((u) => u.id === id)?.name ?? `#${id}`).join(", ") || t("teams.noMembers")}
                      </p>
                    </div>
                    <button
                      type="button"
                      onClick={() => setEditing(team)}
                      className={`${button} border border-slate-300 bg-white text-slate-700 hover:bg-slate-50`}
                    >
                      {t("teams.edit", { name: team.name })}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </AdminSection>
      {/* Outside the list: with no team yet, the list shows only its empty state. */}
      {editing === "new" ? (
        <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <TeamForm team={null} users={users} onDone={() => setEditing(null)} />
        </div>
      ) : (
        teams.isSuccess && (
          <button type="button" onClick={() => setEditing("new")} className={`${button} bg-blue-600 text-white hover:bg-blue-700`}>
            {t("teams.new")}
          </button>
        )
      )}
    </div>
  );
}

function TeamForm({ team, users, onDone }: { team: Team | null; users: User[]; onDone: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(team?.name ?? "");
  const [members, setMembers] = useState<number[]>(team?.memberIds ?? []);
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.team.list.queryFilter());
    onDone();
  };
  const save = useMutation(trpc.team.save.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.team.delete.mutationOptions({ onSuccess: refresh }));
  const errors = fieldErrors(save.error);
  const idPrefix = `team-${team?.id ?? "new"}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ id: team?.id ?? null, name, memberIds: members });
  }
  const toggle = (id: number) => setMembers((m) => (m.includes(id) ? m.filter((x) => x !== id) : [...m, id]));

  return (
    <form noValidate onSubmit={submit} className="space-y-3" aria-label={team ? t("teams.edit", { name: team.name }) : t("teams.new")}>
      <Field id={`${idPrefix}-name`} label={t("teams.name")} error={errors.name}>
        {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} className={input} autoFocus />}
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t("teams.members")}</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
          {users.map((u) => (
            <label key={u.id} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" checked={members.includes(u.id)} onChange={() => toggle(u.id)} />
              {u.name}
            </label>
          ))}
        </div>
      </fieldset>
      {(save.isError || remove.isError) && !errors.name && (
        <p role="alert" className="text-sm text-red-700">
          {t("teams.error", { message: errorMessage(save.error ?? remove.error, t("common.error")) })}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={save.isPending} className={`${button} bg-blue-600 text-white hover:bg-blue-700`}>
          {t("teams.save")}
        </button>
        <button type="button" onClick={onDone} className={`${button} border border-slate-300 bg-white text-slate-700 hover:bg-slate-50`}>
          {t("teams.cancel")}
        </button>
        {team && (
          <button
            type="button"
            onClick={() => window.confirm(t("teams.confirmDelete", { name: team.name })) && remove.mutate({ id: team.id })}
            disabled={remove.isPending}
            className={`${button} ml-auto border border-red-200 bg-white text-red-700 hover:bg-red-50`}
          >
            {t("teams.delete")}
          </button>
        )}
      </div>
    </form>
  );
}
