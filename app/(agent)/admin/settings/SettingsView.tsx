"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { SaveBar } from "@/app/_components/SaveBar";
import { useTRPC } from "@/app/_lib/trpc";
import type { RouterOutputs } from "@/app/_lib/api-types";
import { AdminOnly } from "../_components/AdminOnly";
import { AttachmentSettings } from "./AttachmentSettings";

type AdminSettings = RouterOutputs["settings"]["get"];

const input =
  "mt-1 block w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500";

export function SettingsView() {
  return (
    <AdminOnly>
      <Settings />
    </AdminOnly>
  );
}

function Settings() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const settings = useQuery(trpc.settings.get.queryOptions(undefined, { staleTime: 0 }));
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("settings.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("settings.intro")}</p>
      </div>
      {settings.isPending ? (
        <LoadingLine />
      ) : settings.isError ? (
        <ErrorState message={t("settings.loadError")} onRetry={() => settings.refetch()} />
      ) : (
        <SettingsForm initial={settings.data} />
      )}
    </div>
  );
}

function SettingsForm({ initial }: { initial: AdminSettings }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [allowPrivateHosts, setAllowPrivateHosts] = useState(initial.allowPrivateHosts);
  const [testModeAddress, setTestModeAddress] = useState(initial.testModeAddress ?? "");
  const [claimNotifiesCustomer, setClaimNotifiesCustomer] = useState(initial.claimNotifiesCustomer);
  const [claimMessage, setClaimMessage] = useState(initial.claimMessage);
  const [allowedFileTypes, setAllowedFileTypes] = useState(initial.allowedFileTypes);
  const [maxAttachmentMb, setMaxAttachmentMb] = useState(String(initial.maxAttachmentMb));
  const save = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.settings.get.queryKey(), saved);
        setTestModeAddress(saved.testModeAddress ?? "");
      },
    }),
  );
  const errors = fieldErrors(save.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({
      allowPrivateHosts, testModeAddress, claimNotifiesCustomer, claimMessage, allowedFileTypes, maxAttachmentMb: Number(maxAttachmentMb),
    });
  }

  return (
    <form noValidate onSubmit={submit} className="space-y-6">
      <fieldset className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <legend className="px-1 text-base font-semibold text-slate-900">{t("settings.section.mail")}</legend>
        <div className="space-y-5">
          <div>
            <label className="flex items-start gap-3">
              <input
                type="checkbox"
                checked={allowPrivateHosts}
                onChange={(e) => setAllowPrivateHosts(e.target.checked)}
                aria-describedby="setting-private-hosts-hint"
                className="mt-0.5 h-4 w-4 rounded border-slate-300"
              />
              <span className="text-sm font-medium text-slate-800">{t("settings.allowPrivateHosts")}</span>
            </label>
            <p id="setting-private-hosts-hint" className="ml-7 mt-1 text-sm text-slate-600">
              {t("settings.allowPrivateHostsHint")}
            </p>
          </div>
          <div>
            <label htmlFor="setting-test-mode" className="block text-sm font-medium text-slate-800">
              {t("settings.testModeAddress")}
            </label>
            <input
              id="setting-test-mode"
              type="email"
              autoComplete="off"
              value={testModeAddress}
              onChange={(e) => setTestModeAddress(e.target.value)}
              placeholder={t("settings.testModeOff")}
              aria-invalid={errors.testModeAddress ? true : undefined}
              aria-describedby={`setting-test-mode-hint${errors.testModeAddress ? " setting-test-mode-error" : ""}`}
              className={input}
            />
            <p id="setting-test-mode-hint" className="mt-1 text-sm text-slate-600">
              {t("settings.testModeHint")}
            </p>
            {errors.testModeAddress && (
              <p id="setting-test-mode-error" className="mt-1 text-sm text-red-700">
                {errors.testModeAddress}
              </p>
            )}
          </div>
        </div>
      </fieldset>
      <fieldset className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <legend className="px-1 text-base font-semibold text-slate-900">{t("settings.section.tickets")}</legend>
        <div className="space-y-5">
          <div>
            <label className="flex items-start gap-3">
              <input
                type="checkbox"
                checked={claimNotifiesCustomer}
                onChange={(e) => setClaimNotifiesCustomer(e.target.checked)}
                aria-describedby="setting-claim-hint"
                className="mt-0.5 h-4 w-4 rounded border-slate-300"
              />
              <span className="text-sm font-medium text-slate-800">{t("settings.claimNotifiesCustomer")}</span>
            </label>
            <p id="setting-claim-hint" className="ml-7 mt-1 text-sm text-slate-600">
              {t("settings.claimNotifiesCustomerHint")}
            </p>
          </div>
          <div>
            <label htmlFor="setting-claim-message" className="block text-sm font-medium text-slate-800">
              {t("settings.claimMessage")}
            </label>
            <textarea
              id="setting-claim-message"
              rows={3}
              value={claimMessage}
              onChange={(e) => setClaimMessage(e.target.value)}
              aria-invalid={errors.claimMessage ? true : undefined}
              aria-describedby={`setting-claim-message-hint${errors.claimMessage ? " setting-claim-message-error" : ""}`}
              className={input}
            />
            <p id="setting-claim-message-hint" className="mt-1 text-sm text-slate-600">
              {t("settings.claimMessageHint")}
            </p>
            {errors.claimMessage && (
              <p id="setting-claim-message-error" className="mt-1 text-sm text-red-700">
                {errors.claimMessage}
              </p>
            )}
          </div>
        </div>
      </fieldset>
      <AttachmentSettings
        allowed={allowedFileTypes}
        onAllowedChange={setAllowedFileTypes}
        maxMb={maxAttachmentMb}
        onMaxMbChange={setMaxAttachmentMb}
        errors={errors}
      />
      <SaveBar save={save} prefix="settings" />
    </form>
  );
}
