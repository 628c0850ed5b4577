"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { describeActions } from "./describe";
import { inputClass } from "./RuleForm";

/**
 * Paste a mail's source and see which active rule would take it, and what it would do.
 * When the rules change (`rulesVersion`), the last mail is checked again.
 */
export function DryRunPanel({ rulesVersion }: { rulesVersion: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [raw, setRaw] = useState("");
  const dryRun = useMutation(trpc.mailRule.dryRun.mutationOptions());
  const lastRun = useRef<string | null>(null);
  const { mutate } = dryRun;

  useEffect(() => {
    if (lastRun.current !== null) mutate({ raw: lastRun.current });
  }, [rulesVersion, mutate]);
  const rawError = fieldErrors(dryRun.error).raw;
  const result = dryRun.data;

  function submit(e: FormEvent) {
    e.preventDefault();
    lastRun.current = raw;
    dryRun.mutate({ raw });
  }

  return (
    <section aria-labelledby="dry-run-title" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h2 id="dry-run-title" className="text-lg font-semibold">
          {t("rules.dryRun.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("rules.dryRun.intro")}</p>
      </div>
      <form noValidate onSubmit={submit} className="space-y-3">
        <label htmlFor="dry-run-raw" className="block text-sm font-medium text-slate-700">
          {t("rules.dryRun.label")}
        </label>
        <textarea
          id="dry-run-raw"
          rows={10}
          value={raw}
          spellCheck={false}
          onChange={(e) => setRaw(e.target.value)}
          placeholder={"From: Vera <billing@vendor.example>\nTo: support@example.com\nSubject: Rechnung 42\n\nHello…"}
          aria-invalid={rawError ? true : undefined}
          aria-describedby={rawError ? "dry-run-raw-error" : undefined}
          className={`font-mono text-xs ${inputClass}`}
        />
        {rawError && (
          <p id="dry-run-raw-error" className="text-sm text-red-700">
            {rawError}
          </p>
        )}
        {dryRun.isError && !rawError && (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(dryRun.error, t("common.error"))}
          </p>
        )}
        <div className="flex justify-end">
          <button
            type="submit"
            disabled={dryRun.isPending || raw.trim() === ""}
            className="rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-slate-900 disabled:opacity-50"
          >
            {dryRun.isPending ? t("rules.dryRun.running") : t("rules.dryRun.run")}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {result && !dryRun.isPending && (
          <div
            data-testid="dry-run-result"
            className={`space-y-2 rounded-lg border px-4 py-3 text-sm ${
              result.match ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-slate-200 bg-slate-50 text-slate-800"
            }`}
          >
            <p className="font-medium">
              {result.match
                ? t("rules.dryRun.match", {
                    name: result.match.ruleName,
                    actions: describeActions(result.match.actions, t, result.match),
                  })
                : t("rules.dryRun.noMatch")}
            </p>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs text-slate-600">
              <dt>{t("rules.field.from")}</dt>
              <dd className="break-all">{result.mail.from ?? "—"}</dd>
              <dt>{t("rules.field.to")}</dt>
              <dd className="break-all">{[...result.mail.to, ...result.mail.cc].join(", ") || "—"}</dd>
              <dt>{t("rules.field.subject")}</dt>
              <dd className="break-words">{result.mail.subject || "—"}</dd>
            </dl>
          </div>
        )}
      </div>
    </section>
  );
}
