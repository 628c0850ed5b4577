"use client";

import Link from "next/link";
import { RelativeTime } from "@/app/_components/RelativeTime";
import type { RouterOutputs } from "@/app/_lib/api-types";
import { useI18n, type Translate } from "@/app/_lib/i18n";

export type NotificationEntry = RouterOutputs["notification"]["list"]["items"][number];

/** "Agent 1 mentioned you", "New mail from carla@…": who did what, never the entry's text. */
export function notificationText(n: NotificationEntry, t: Translate): string {
  const name = n.actorName ?? t("notifications.someone");
  switch (n.kind) {
    case "entry":
      if (n.entryKind === "customer_mail") return t("notifications.kind.customerMail", { name });
      if (n.entryKind === "internal_comment") return t("notifications.kind.comment", { name });
      return t("notifications.kind.reply", { name });
    case "assigned":
      return n.actorName ? t("notifications.kind.assigned", { name }) : t("notifications.kind.assignedNoActor");
    case "mention":
      return t("notifications.kind.mention", { name });
    case "lock_taken_over":
      return t("notifications.kind.lockTakenOver", { name });
    case "alarm":
      // C11: the reminder's note is what the user wanted to be reminded of.
      if (n.reminderNote) return n.actorName ? t("notifications.kind.alarmFromNote", { name, note: n.reminderNote }) : t("notifications.kind.alarmNote", { note: n.reminderNote });
      return n.actorName ? t("notifications.kind.alarmFrom", { name }) : t("notifications.kind.alarm");
  }
}

const accent: Record<NotificationEntry["kind"], string> = {
  entry: "bg-blue-500",
  assigned: "bg-violet-500",
  mention: "bg-amber-500",
  lock_taken_over: "bg-rose-500",
  alarm: "bg-emerald-500",
};

/**
 * One notification: what happened (a link to the ticket), the ticket, when; unread ones are
 * marked by a dot and the word "Unread" for screen readers, and have a "Mark read" button.
 */
export function NotificationItem({
  n,
  onOpen,
  onMarkRead,
  marking,
}: {
  n: NotificationEntry;
  /** Called when the link is followed (e.g. to close the panel and mark it read). */
  onOpen?: () => void;
  onMarkRead: () => void;
  marking?: boolean;
}) {
  const { t } = useI18n();
  const text = notificationText(n, t);
  const unread = n.readAt === null;
  return (
    <li
      data-testid="notification"
      data-unread={unread ? "true" : "false"}
      data-kind={n.kind}
      className={`flex items-start gap-3 px-4 py-3 ${unread ? "bg-blue-50/60" : "bg-white"}`}
    >
      <span
        aria-hidden="true"
        className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${unread ? accent[n.kind] : "bg-transparent ring-1 ring-slate-300"}`}
      />
      <div className="min-w-0 flex-1">
        <Link
          href={`/tickets/${n.ticketId}`}
          onClick={onOpen}
          className={`block text-sm hover:underline focus-visible:underline ${unread ? "font-semibold text-slate-900" : "text-slate-700"}`}
        >
          {unread && <span className="sr-only">{t("notifications.unread")}: </span>}
          {text}
        </Link>
        <p className="mt-0.5 truncate text-sm text-slate-600">
          <span className="font-mono text-xs text-slate-500">#{n.ticketNumber}</span> {n.ticketTitle}
        </p>
        <RelativeTime date={n.createdAt} className="text-xs text-slate-500" />
      </div>
      {unread && (
        <button
          type="button"
          onClick={onMarkRead}
          disabled={marking}
          aria-label={t("notifications.markReadLabel", { text })}
          title={t("notifications.markRead")}
          className="shrink-0 rounded-md p-1.5 text-slate-500 hover:bg-white hover:text-blue-700 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-50"
        >
          <CheckIcon />
        </button>
      )}
    </li>
  );
}

function CheckIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true" className="h-4 w-4">
      <path strokeLinecap="round" strokeLinejoin="round" d="m4.5 10.5 3.5 3.5 7.5-8" />
    </svg>
  );
}
