"use client";

import { Avatar } from "@/app/_components/Avatar";
import { useI18n } from "@/app/_lib/i18n";
import type { TicketViewer } from "@/app/_lib/api-types";

/** "◉◉ 2 viewing" on a ticket row: who has the ticket open right now (E2). */
export function PresenceMarker({ viewers }: { viewers: TicketViewer[] }) {
  const { t } = useI18n();
  if (viewers.length === 0) return null;
  const names = viewers.map((v) => v.userName).join(", ");
  return (
    <span
      data-testid="row-presence"
      title={t("presence.rowTitle", { names })}
      className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 py-0.5 pl-0.5 pr-2 text-xs font-medium text-slate-700 ring-1 ring-slate-200"
    >
      <span className="flex -space-x-1.5">
        {viewers.slice(0, 3).map((v) => (
          <span key={v.userId} className="rounded-full ring-2 ring-white">
            <Avatar name={v.userName} />
          </span>
        ))}
      </span>
      <span aria-hidden="true">{t("presence.rowCount", { count: viewers.length })}</span>
      <span className="sr-only">{t("presence.rowTitle", { names })}</span>
    </span>
  );
}
