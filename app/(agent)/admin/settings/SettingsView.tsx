"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { Field } from "@/app/_components/Field";
import { SaveBar } from "@/app/_components/SaveBar";
import { useTRPC } from "@/app/_lib/trpc";
import type { RouterOutputs } from "@/app/_lib/api-types";
import { AdminOnly } from "../_components/AdminOnly";
import { AttachmentSettings } from "./AttachmentSettings";
import { CheckSetting, SettingsSection, settingInput } from "./SettingParts";

type AdminSettings = RouterOutputs["settings"]["get"];

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
    <div className="space-y-6">
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
  const [claimMessage, setClaimMessage] = useState(initial.claimMessage ?? t("settings.claimMessageDefault"));
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
      <SettingsSection title={t("settings.section.mail")}>
        <CheckSetting
          id="setting-private-hosts"
          label={t("settings.allowPrivateHosts")}
          hint={t("settings.allowPrivateHostsHint")}
          checked={allowPrivateHosts}
          onChange={setAllowPrivateHosts}
        />
        <Field id="setting-test-mode" label={t("settings.testModeAddress")} hint={t("settings.testModeHint")} error={errors.testModeAddress}>
          {(a) => (
            <input
              {...a}
              type="email"
              autoComplete="off"
              value={testModeAddress}
              onChange={(e) => setTestModeAddress(e.target.value)}
              placeholder={t("settings.testModeOff")}
              className={settingInput}
            />
          )}
        </Field>
      </SettingsSection>
      <SettingsSection title={t("settings.section.tickets")}>
        <CheckSetting
          id="setting-claim"
          label={t("settings.claimNotifiesCustomer")}
          hint={t("settings.claimNotifiesCustomerHint")}
          checked={claimNotifiesCustomer}
          onChange={setClaimNotifiesCustomer}
        />
        <Field id="setting-claim-message" label={t("settings.claimMessage")} hint={t("settings.claimMessageHint")} error={errors.claimMessage}>
          {(a) => <textarea {...a} rows={3} value={claimMessage} onChange={(e) => setClaimMessage(e.target.value)} className={settingInput} />}
        </Field>
      </SettingsSection>
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
