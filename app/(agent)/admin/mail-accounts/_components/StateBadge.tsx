"use client";

import { RelativeTime } from "@/app/_components/RelativeTime";
import { useI18n } from "@/app/_lib/i18n";
import type { MailAccountView } from "./types";

const style = {
  idle: "bg-emerald-100 text-emerald-800",
  fetching: "bg-sky-100 text-sky-800",
  error: "bg-red-100 text-red-800",
  stopped: "bg-slate-100 text-slate-700",
} as const;

/** What the worker is doing with the account; for an error, since when and why. */
export function StateBadge({ account }: { account: Pick<MailAccountView, "state" | "lastError" | "lastErrorAt"> }) {
  const { t } = useI18n();
  const { state } = account;
  return (
    <div data-testid="account-state" data-state={state} className="space-y-1">
      <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${style[state]}`}>
        {state === "fetching" && (
          <span className="h-2 w-2 animate-pulse rounded-full bg-sky-600" aria-hidden="true" />
        )}
        {t(`mailAccounts.state.${state}`)}
      </span>
      {state === "error" && (
        <p className="max-w-xs break-words text-xs text-red-700">
          {account.lastError ?? t("common.error")}
          {account.lastErrorAt && <RelativeTime date={account.lastErrorAt} className="block text-slate-500" />}
        </p>
      )}
    </div>
  );
}
