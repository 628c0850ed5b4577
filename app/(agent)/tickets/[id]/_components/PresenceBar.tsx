"use client";

import { Avatar } from "@/app/_components/Avatar";
import { useI18n } from "@/app/_lib/i18n";
import type { TicketViewer } from "@/app/_lib/api-types";

/**
 * Who has this ticket open right now (E2), yourself marked. Shown once someone else is here:
 * alone, there is nothing to tell.
 */
export function PresenceBar({ viewers, myUserId }: { viewers: TicketViewer[]; myUserId: number }) {
  const { t } = useI18n();
  const others = viewers.filter((v) => v.userId !== myUserId);
  if (others.length === 0) return null;
  // Yourself last, the others in the order they came.
  const shown = [...others, ...viewers.filter((v) => v.userId === myUserId)];
  return (
    <section aria-labelledby="presence-heading" data-testid="presence" className="flex flex-wrap items-center gap-2 text-sm">
      <h2 id="presence-heading" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {t("presence.label")}
      </h2>
      <ul className="flex flex-wrap items-center gap-1.5">
        {shown.map((v) => {
          const self = v.userId === myUserId;
          return (
            <li
              key={v.userId}
              data-testid="viewer"
              data-user-name={v.userName}
              data-self={self ? "true" : undefined}
              className={`inline-flex items-center gap-1.5 rounded-full py-0.5 pl-0.5 pr-2.5 text-xs font-medium ring-1 ${
                self ? "bg-white text-slate-500 ring-slate-200" : "bg-emerald-50 text-emerald-900 ring-emerald-200"
              }`}
            >
              <span className="relative">
                <Avatar name={v.userName} />
                {!self && (
                  <span aria-hidden="true" className="absolute -bottom-0.5 -right-0.5 h-2.5 w-2.5 rounded-full bg-emerald-500 ring-2 ring-white" />
                )}
              </span>
              {self ? t("presence.you", { name: v.userName }) : v.userName}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
