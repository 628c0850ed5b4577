"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { EmptyState, ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { NotificationItem } from "./NotificationItem";
import { useLiveNotifications, useMarkRead } from "./useNotifications";

const PANEL_SIZE = 8;

/**
 * The bell in the header (E4): a live unread count, and a panel with the newest
 * notifications, each linking to its ticket, to mark one or all read.
 */
export function NotificationBell() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const pathname = usePathname();
  // Open on the page where it was opened: navigating (e.g. following a notification) closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean) => setOpenOn(next ? pathname : null);
  const [announcement, setAnnouncement] = useState("");
  const known = useLiveNotifications((count) => setAnnouncement(t("notifications.announce", { count })));
  const unread = known ?? 0;
  const list = useQuery({ ...trpc.notification.list.queryOptions({ limit: PANEL_SIZE }), enabled: open });
  const mark = useMarkRead();
  const panelId = useId();
  const headingId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // Closes on Escape (focus back to the bell) and on a click outside.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpenOn(null);
      buttonRef.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpenOn(null);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const badge = unread > 99 ? "99+" : String(unread);
  const error = mark.one.error ?? mark.all.error;

  return (
    // On narrow screens the panel spans the header (its positioned ancestor); from `sm` it hangs below the bell.
    <div ref={rootRef} className="sm:relative">
      <button
        ref={buttonRef}
        type="button"
        onClick={() => setOpen(!open)}
        aria-label={known === null ? t("notifications.title") : t("notifications.bellLabel", { count: unread })}
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="notification-bell"
        className={`relative rounded-md p-1.5 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 ${
          open ? "bg-slate-100 text-slate-900" : "text-slate-600"
        }`}
      >
        <BellIcon />
        {unread > 0 && (
          <span
            aria-hidden="true"
            data-testid="notification-count"
            className="absolute -right-1 -top-1 min-w-[1.25rem] rounded-full bg-rose-600 px-1 text-center text-[11px] font-semibold leading-5 text-white ring-2 ring-white"
          >
            {badge}
          </span>
        )}
      </button>
      <span role="status" aria-live="polite" className="sr-only">
        {announcement}
      </span>
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-labelledby={headingId}
          data-testid="notification-panel"
          className="absolute inset-x-2 top-full z-40 mt-1 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-xl sm:inset-x-auto sm:right-0 sm:mt-2 sm:w-96"
        >
          <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-2.5">
            <h2 id={headingId} className="text-sm font-semibold text-slate-900">
              {t("notifications.title")}
            </h2>
            <button
              type="button"
              onClick={() => mark.all.mutate()}
              disabled={unread === 0 || mark.all.isPending}
              className="rounded-md px-2 py-1 text-xs font-medium text-blue-700 hover:bg-blue-50 disabled:cursor-default disabled:text-slate-400 disabled:hover:bg-transparent"
            >
              {t("notifications.markAllRead")}
            </button>
          </div>
          {error && (
            <p role="alert" className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
              {t("notifications.markError", { message: errorMessage(error, t("common.error")) })}
            </p>
          )}
          <div className="max-h-[min(28rem,70vh)] overflow-y-auto">
            {list.isPending ? (
              <LoadingLine />
            ) : list.isError ? (
              <div className="p-3">
                <ErrorState message={t("notifications.loadError")} onRetry={() => list.refetch()} />
              </div>
            ) : list.data.items.length === 0 ? (
              <EmptyState message={t("notifications.empty")} bare />
            ) : (
              <ul className="divide-y divide-slate-100" aria-labelledby={headingId}>
                {list.data.items.map((n) => (
                  <NotificationItem
                    key={n.id}
                    n={n}
                    marking={mark.one.isPending && mark.one.variables?.notificationId === n.id}
                    onMarkRead={() => mark.one.mutate({ notificationId: n.id })}
                    onOpen={() => {
                      if (n.readAt === null) mark.one.mutate({ notificationId: n.id });
                      setOpen(false);
                    }}
                  />
                ))}
              </ul>
            )}
          </div>
          <div className="border-t border-slate-200 bg-slate-50 px-4 py-2 text-right">
            <Link href="/notifications" onClick={() => setOpen(false)} className="text-sm font-medium text-blue-700 hover:underline">
              {t("notifications.viewAll")}
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.7" aria-hidden="true" className="h-5 w-5">
      <path
        strokeLinecap="round"
        strokeLinejoin="round"
        d="M14.9 17.1a3 3 0 0 1-5.8 0M18 9.8c0-3.3-2.7-6-6-6s-6 2.7-6 6c0 4.2-1.7 6-2.4 6.7a.5.5 0 0 0 .4.8h16a.5.5 0 0 0 .4-.8c-.7-.7-2.4-2.5-2.4-6.7Z"
      />
    </svg>
  );
}
