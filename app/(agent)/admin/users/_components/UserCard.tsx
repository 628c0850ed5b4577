"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/app/_lib/i18n";
import { useMe } from "../../../_components/useMe";
import { InvitationState } from "./InvitationState";
import { UserAccessForm } from "./UserAccessForm";
import type { PendingInvitation, QueueOption, UserAccess, UserRole } from "./types";

const roleStyle: Record<UserRole, string> = {
  admin: "bg-violet-100 text-violet-800",
  agent: "bg-blue-100 text-blue-800",
  backoffice: "bg-amber-100 text-amber-900",
};
const chip = "rounded-full px-2 py-0.5 text-xs font-medium";

/** One user: name, address and what they may do at a glance; the access form opens below. */
export function UserCard({
  user, queues, invitation,
}: {
  user: UserAccess;
  queues: UseQueryResult<QueueOption[], unknown>;
  /** Set while the user has not chosen a password from their invitation yet. */
  invitation?: PendingInvitation;
}) {
  const { t } = useI18n();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const headingId = `user-${user.id}-name`;
  const formId = `user-${user.id}-form`;
  const queueCount = Object.keys(user.queues).length;
  const queuesText =
    user.role === "admin"
      ? t("users.queueCountAll")
      : queueCount === 0
        ? t("users.queueCountNone")
        : queueCount === 1
          ? t("users.queueCountOne")
          : t("users.queueCount", { count: queueCount });

  return (
    <section
      aria-labelledby={headingId}
      data-testid="user-access"
      className={`rounded-xl border border-slate-200 shadow-sm ${user.active ? "bg-white" : "bg-slate-50"}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            {user.name}
            {user.id === me.userId && <span className="ml-2 text-sm font-normal text-slate-500">({t("users.you")})</span>}
          </h2>
          <p className="truncate text-sm text-slate-600">{user.email}</p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <ul className="flex flex-wrap items-center gap-1.5" data-testid="user-summary">
            <li className={`${chip} ${roleStyle[user.role]}`}>{t(`users.role.${user.role}`)}</li>
            <li className={`${chip} ${user.active ? "bg-emerald-50 text-emerald-800" : "bg-slate-200 text-slate-700"}`}>
              {user.active ? t("users.state.active") : t("users.state.disabled")}
            </li>
            <li className={`${chip} bg-slate-100 text-slate-700`}>{queuesText}</li>
            {invitation && (
              <li className={`${chip} ${invitation.expiresAt ? "bg-sky-50 text-sky-800" : "bg-red-50 text-red-800"}`}>
                {invitation.expiresAt ? t("users.invitation.pending") : t("users.invitation.expired")}
              </li>
            )}
          </ul>
          <button
            type="button"
            aria-expanded={open}
            aria-controls={open ? formId : undefined}
            onClick={() => setOpen((o) => !o)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
          >
            {open ? t("users.close") : t("users.edit", { name: user.name })}
          </button>
        </div>
      </div>
      {invitation && user.active && <InvitationState user={user} />}
      {open && <UserAccessForm id={formId} user={user} queues={queues} />}
    </section>
  );
}
