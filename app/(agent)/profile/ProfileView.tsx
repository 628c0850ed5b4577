"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import type { RouterOutputs } from "@/app/_lib/api-types";
import { fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { SaveBar } from "@/app/_components/SaveBar";
import { Field } from "@/app/_components/Field";
import { Switch } from "@/app/_components/Switch";
import { useTRPC } from "@/app/_lib/trpc";
import { useFocusFirstInvalid } from "@/app/_lib/useFocusFirstInvalid";
import { NotificationSettings } from "./NotificationSettings";
import { SignOutEverywhere } from "./SignOutEverywhere";

type Profile = RouterOutputs["me"]["profile"];

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500";

/** The signed-in user's greeting and signature (A5), for every agent and admin. */
export function ProfileView() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const profile = useQuery(trpc.me.profile.queryOptions(undefined, { staleTime: 0 }));
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("profile.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("profile.intro")}</p>
      </div>
      {profile.isPending ? (
        <LoadingLine />
      ) : profile.isError ? (
        <ErrorState message={t("profile.loadError")} onRetry={() => profile.refetch()} />
      ) : (
        <ProfileForm initial={profile.data} />
      )}
      <NotificationSettings />
      <SignOutEverywhere />
    </div>
  );
}

function ProfileForm({ initial }: { initial: Profile }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [greeting, setGreeting] = useState(initial.greeting ?? "");
  const [signature, setSignature] = useState(initial.signature ?? "");
  const [away, setAway] = useState(initial.outOfOffice ?? "");
  const [awayUntil, setAwayUntil] = useState(toLocalInput(initial.outOfOfficeUntil));
  const [warnAttachments, setWarnAttachments] = useState(initial.missingAttachmentWarning);
  const save = useMutation(
    trpc.me.updateProfile.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.me.profile.queryKey(), saved);
        setGreeting(saved.greeting ?? "");
        setSignature(saved.signature ?? "");
        setAway(saved.outOfOffice ?? "");
        setAwayUntil(toLocalInput(saved.outOfOfficeUntil));
        setWarnAttachments(saved.missingAttachmentWarning);
      },
    }),
  );
  const errors = fieldErrors(save.error);
  const edited = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    if (save.isSuccess) save.reset();
    set(e.target.value);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({
      greeting, signature, outOfOffice: away, missingAttachmentWarning: warnAttachments,
      outOfOfficeUntil: away.trim() && awayUntil ? new Date(awayUntil) : null,
    });
  }

  // After the render that marks the fields (not in a frame callback: hidden tabs skip those).
  useFocusFirstInvalid(formRef, save.error);

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="space-y-6">
      <div className="space-y-5 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <Field id="profile-greeting" label={t("profile.greeting")} hint={t("profile.greetingHint")} error={errors.greeting}>
          {(a) => <textarea {...a} rows={2} value={greeting} onChange={edited(setGreeting)} className={input} />}
        </Field>
        <Field id="profile-signature" label={t("profile.signature")} hint={t("profile.signatureHint")} error={errors.signature}>
          {(a) => <textarea {...a} rows={5} value={signature} onChange={edited(setSignature)} className={input} />}
        </Field>
      </div>
      <div className="space-y-5 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <Field id="profile-away" label={t("profile.outOfOffice")} hint={t("profile.outOfOfficeHint")} error={errors.outOfOffice}>
          {(a) => <textarea {...a} rows={2} value={away} onChange={edited(setAway)} className={input} />}
        </Field>
        <Field id="profile-away-until" label={t("profile.outOfOfficeUntil")} hint={t("profile.outOfOfficeUntilHint")} error={errors.outOfOfficeUntil}>
          {(a) => (
            <input {...a} type="datetime-local" value={awayUntil} onChange={edited(setAwayUntil)} disabled={!away.trim()} className={`${input} max-w-xs`} />
          )}
        </Field>
        <div className="flex items-center justify-between gap-3">
          <div>
            <p className="text-sm font-medium text-slate-700" aria-hidden="true">
              {t("profile.missingAttachment")}
            </p>
            <p className="text-xs text-slate-500">{t("profile.missingAttachmentHint")}</p>
          </div>
          <Switch
            checked={warnAttachments}
            onChange={(on) => {
              if (save.isSuccess) save.reset();
              setWarnAttachments(on);
            }}
            label={t("profile.missingAttachment")}
            onText={t("queues.on")}
            offText={t("queues.off")}
          />
        </div>
      </div>
      <section aria-labelledby="profile-preview" className="rounded-xl border border-slate-200 bg-slate-50 p-5">
        <h2 id="profile-preview" className="text-sm font-semibold text-slate-800">
          {t("profile.preview")}
        </h2>
        <pre data-testid="profile-preview" className="mt-2 whitespace-pre-wrap font-sans text-sm text-slate-700">
          <span className="italic text-slate-500">{t("profile.previewBody")}</span>
          {greeting.trim() && `\n\n${greeting.trim()}`}
          {"\n\n-- \n"}
          {signature.trim() || <span className="italic text-slate-500">{t("profile.previewQueueSignature")}</span>}
        </pre>
      </section>
      <SaveBar save={save} prefix="profile" />
    </form>
  );
}

/** A stored moment as the value of a datetime-local input (local time, minutes). */
function toLocalInput(d: Date | null): string {
  if (!d) return "";
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
