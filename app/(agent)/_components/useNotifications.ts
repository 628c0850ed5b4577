"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSocketEvent } from "@/app/_lib/socket";
import { useTRPC } from "@/app/_lib/trpc";

/**
 * The unread count, kept live: `notification:new` and `notification:read` arrive in the
 * user's own room and carry only ids and the count; the lists are refetched through tRPC.
 * Mount once (the bell does).
 */
export function useLiveNotifications(onNew?: (unreadCount: number) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const count = useQuery(trpc.notification.unreadCount.queryOptions(undefined, { staleTime: 60_000 }));

  const refresh = (unreadCount: number) => {
    queryClient.setQueryData(trpc.notification.unreadCount.queryKey(), unreadCount);
    void queryClient.invalidateQueries(trpc.notification.list.pathFilter());
    void queryClient.invalidateQueries(trpc.notification.unreadCount.queryFilter());
  };
  useSocketEvent("notification:new", ({ unreadCount }) => {
    refresh(unreadCount);
    onNew?.(unreadCount);
  });
  useSocketEvent("notification:read", ({ unreadCount }) => refresh(unreadCount));

  /** Null until the first answer: the bell does not claim "0" before it knows. */
  return count.data ?? null;
}

/** Mark one or all read; the count updates at once, the lists refetch. */
export function useMarkRead() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settle = {
    onSuccess: (r: { unreadCount: number }) => {
      queryClient.setQueryData(trpc.notification.unreadCount.queryKey(), r.unreadCount);
      void queryClient.invalidateQueries(trpc.notification.list.pathFilter());
    },
  };
  const one = useMutation(trpc.notification.markRead.mutationOptions(settle));
  const all = useMutation(trpc.notification.markAllRead.mutationOptions(settle));
  return { one, all };
}
