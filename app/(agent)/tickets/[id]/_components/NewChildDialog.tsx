"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Field } from "@/app/_components/Field";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { ModalDialog, primaryButton, secondaryButton } from "@/app/_components/ModalDialog";
import { useStructureRefresh, type TicketStructure } from "./useTicketStructure";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** A new child in place: subject and first text; queue and customer come from the parent. */
export function NewChildDialog({ parent, onClose }: { parent: TicketStructure; onClose: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const id = useId();
  const refresh = useStructureRefresh();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const create = useMutation(
    trpc.ticketStructure.createChild.mutationOptions({
      onSuccess: () => {
        refresh();
        onClose();
      },
    }),
  );
  const errors = create.isError ? fieldErrors(create.error) : {};
  return (
    <ModalDialog
      testId="new-child-dialog"
      title={t("structure.newChildTitle", { number: parent.number })}
      onClose={onClose}
      footer={
        <>
          <button type="button" className={secondaryButton} onClick={onClose}>
            {t("structure.cancel")}
          </button>
          <button type="submit" form={`${id}-form`} className={primaryButton} disabled={create.isPending}>
            {t("structure.createChild")}
          </button>
        </>
      }
    >
      <form noValidate
        id={`${id}-form`}
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ parentId: parent.id, title, body });
        }}
      >
        <Field id={`${id}-title`} label={t("structure.subject")} error={errors.title}>
          {(a) => <input {...a} value={title} onChange={(e) => setTitle(e.target.value)} className={input} autoComplete="off" />}
        </Field>
        <Field id={`${id}-body`} label={t("structure.firstText")} error={errors.body}>
          {(a) => <textarea {...a} rows={5} value={body} onChange={(e) => setBody(e.target.value)} className={input} />}
        </Field>
      </form>
      {create.isError && !errors.title && !errors.body && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("structure.error", { message: errorMessage(create.error, t("common.error")) })}
        </p>
      )}
    </ModalDialog>
  );
}
