"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ConnectionIndicator } from "@/app/_components/ConnectionIndicator";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { errorCode } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { SocketProvider } from "@/app/_lib/socket";
import { useTRPC } from "@/app/_lib/trpc";
import { AppShell } from "./AppShell";
import { LiveCacheSync } from "./LiveCacheSync";
import { MeContext } from "./useMe";
import { ShortcutHelp } from "./ShortcutHelp";
import { useUserLanguage } from "./useUserLanguage";

/**
 * The sign-in check: `me.get` answers UNAUTHORIZED when there is no session, and the query
 * cache then sends the browser to /login. Nothing else renders (or connects) before.
 */
export function AgentFrame({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  useUserLanguage(me.data?.language);

  if (me.isPending) {
    return (
      <div className="flex min-h-screen items-center justify-center">
        <LoadingLine />
      </div>
    );
  }
  if (me.isError) {
    const code = errorCode(me.error);
    return (
      <main className="mx-auto max-w-md p-8">
        {code === "UNAUTHORIZED" ? (
          <p role="status">{t("common.redirectingToLogin")}</p>
        ) : (
          <ErrorState message={code === "FORBIDDEN" ? t("common.adminOnly") : t("common.error")} onRetry={() => me.refetch()} />
        )}
      </main>
    );
  }
  return (
    <MeContext.Provider value={me.data}>
      <SocketProvider>
        <LiveCacheSync />
        <AppShell>{children}</AppShell>
        <ConnectionIndicator />
        <ShortcutHelp />
      </SocketProvider>
    </MeContext.Provider>
  );
}
