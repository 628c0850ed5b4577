"use client";

import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import type { FetchTestResult, SendTestResult } from "./types";

export interface TestState {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: FetchTestResult | SendTestResult | undefined;
}

/**
 * The outcome of "Test fetch" / "Test send" beside its button: what was found, or why the
 * connection failed (a localised title by kind, with the server's own explanation below).
 */
export function TestResult({ test, id }: { test: TestState; id: string }) {
  const { t } = useI18n();
  // A live region that exists before the result does, so screen readers announce it.
  return (
    <div id={id} role="status" aria-live="polite" className="min-h-5 text-sm" data-testid="test-result">
      {test.isPending ? (
        <span className="text-slate-500">{t("mailAccounts.testing")}</span>
      ) : test.isError ? (
        <span className="text-red-700">{errorMessage(test.error, t("mailAccounts.test.error"))}</span>
      ) : test.data ? (
        test.data.ok ? (
          <span className="font-medium text-emerald-700" data-ok="true">
            {"unseen" in test.data
              ? t("mailAccounts.test.fetchOk", { unseen: test.data.unseen, messages: test.data.messages })
              : t("mailAccounts.test.sendOk")}
          </span>
        ) : (
          <span className="text-red-700" data-ok="false" data-kind={test.data.kind}>
            <span className="font-medium">{t(`mailAccounts.test.kind.${test.data.kind}`)}</span>
            {test.data.message !== t(`mailAccounts.test.kind.${test.data.kind}`) && (
              <span className="block break-words text-xs">{test.data.message}</span>
            )}
          </span>
        )
      ) : null}
    </div>
  );
}
