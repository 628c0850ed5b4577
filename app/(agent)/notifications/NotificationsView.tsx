"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { EmptyState, ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { errorMessage } from "@/app/_lib/errors";
import { LoadMore } from "@/app/_components/LoadMore";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { NotificationItem } from "../_components/NotificationItem";
import { useMarkRead } from "../_components/useNotifications";

const PAGE_SIZE = 30;

/** Every notification of the signed-in user, newest first, page by page (E4). */
export function NotificationsView() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useInfiniteQuery(
    trpc.notification.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, unreadOnly },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, staleTime: 0 },
    ),
  );
  const mark = useMarkRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const hasUnread = items.some((n) => n.readAt === null);
  const error = mark.one.error ?? mark.all.error;

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("notifications.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("notifications.intro")}</p>
        </div>
        <button
          type="button"
          onClick={() => mark.all.mutate()}
          disabled={!hasUnread || mark.all.isPending}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
        >
          {t("notifications.markAllRead")}
        </button>
      </div>
      <fieldset className="flex gap-1">
        <legend className="sr-only">{t("notifications.filterLabel")}</legend>
        {([false, true] as const).map((value) => (
          <label
            key={String(value)}
            className={`cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-500 ${
              unreadOnly === value ? "bg-blue-50 text-blue-800" : "text-slate-600 hover:bg-slate-100"
            }`}
          >
            <input type="radio" name="notification-filter" className="sr-only" checked={unreadOnly === value} onChange={() => setUnreadOnly(value)} />
            {value ? t("notifications.filter.unread") : t("notifications.filter.all")}
          </label>
        ))}
      </fieldset>
      {error && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {t("notifications.markError", { message: errorMessage(error, t("common.error")) })}
        </p>
      )}
      {list.isPending ? (
        <LoadingLine />
      ) : list.isError ? (
        <ErrorState message={t("notifications.loadError")} onRetry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState message={unreadOnly ? t("notifications.emptyUnread") : t("notifications.empty")} />
      ) : (
        <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
          <ul className="divide-y divide-slate-100" aria-label={t("notifications.title")}>
            {items.map((n) => (
              <NotificationItem
                key={n.id}
                n={n}
                marking={mark.one.isPending && mark.one.variables?.notificationId === n.id}
                onMarkRead={() => mark.one.mutate({ notificationId: n.id })}
                onOpen={() => n.readAt === null && mark.one.mutate({ notificationId: n.id })}
              />
            ))}
          </ul>
          <LoadMore query={list} label={t("notifications.loadMore")} />
        </div>
      )}
    </div>
  );
}
