"use client";

import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { AdminOnly } from "../_components/AdminOnly";
import { AdminSection } from "../_components/AdminSection";
import { InviteUserForm } from "./_components/InviteUserForm";
import { TeamsSection } from "./_components/TeamsSection";
import { UserCard } from "./_components/UserCard";

/** Users and their access (A1–A4): role, account state, ticket ownership, rights and queue levels. */
export function UsersView() {
  return (
    <AdminOnly>
      <Users />
    </AdminOnly>
  );
}

function Users() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const users = useQuery(trpc.user.list.queryOptions(undefined, { staleTime: 0 }));
  // Every queue with its name, for the level table (an admin query).
  const queues = useQuery(trpc.queue.mailSettings.queryOptions(undefined, { select: (qs) => qs.map(({ id, name }) => ({ id, name })) }));
  // Invited users who have not chosen a password yet (user id → until when their link works).
  const invitations = useQuery(
    trpc.user.pendingInvitations.queryOptions(undefined, { staleTime: 0, select: (rows) => new Map(rows.map((r) => [r.userId, r])) }),
  );
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("users.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("users.intro")}</p>
      </div>
      <InviteUserForm />
      <AdminSection id="users-list" query={users} empty={t("users.empty")}>
        {(rows) => (
          <ul className="space-y-3">
            {rows.map((u) => (
              <li key={u.id}>
                <UserCard user={u} queues={queues} invitation={invitations.data?.get(u.id)} />
              </li>
            ))}
          </ul>
        )}
      </AdminSection>
      {users.data && <TeamsSection users={users.data} />}
    </div>
  );
}
