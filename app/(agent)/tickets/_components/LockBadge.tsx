"use client";

import { Avatar } from "@/app/_components/Avatar";
import { useI18n, type MessageKey } from "@/app/_lib/i18n";
import type { TicketLock } from "@/app/_lib/api-types";

export const lockMessageKey: Record<TicketLock["kind"], MessageKey> = {
  reply: "lock.reply",
  comment: "lock.comment",
  edit: "lock.edit",
};

/** "AG  Agent 1 is replying" on a ticket row. */
export function LockBadge({ lock }: { lock: TicketLock }) {
  const { t } = useI18n();
  return (
    <span
      data-testid="row-lock"
      className="inline-flex items-center gap-1.5 rounded-full bg-amber-50 py-0.5 pl-0.5 pr-2 text-xs font-medium text-amber-900 ring-1 ring-amber-200"
    >
      <Avatar name={lock.userName} />
      {t(lockMessageKey[lock.kind], { name: lock.userName })}
    </span>
  );
}
