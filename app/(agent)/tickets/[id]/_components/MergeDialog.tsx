"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { ModalDialog, dangerButton, secondaryButton } from "@/app/_components/ModalDialog";
import { TicketPicker, type PickedTicket } from "./TicketPicker";
import { useStructureRefresh, type TicketStructure } from "./useTicketStructure";

/** C7: "Merge into…": find the target, then confirm; afterwards the target opens. */
export function MergeDialog({ source, onClose }: { source: TicketStructure; onClose: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useStructureRefresh();
  const [target, setTarget] = useState<PickedTicket | null>(null);
  const merge = useMutation(
    trpc.ticketStructure.merge.mutationOptions({
      onSuccess: ({ targetId }) => {
        refresh();
        router.push(`/tickets/${targetId}`);
      },
    }),
  );
  const names = target ? { source: source.number, target: target.number } : null;
  return (
    <ModalDialog
      testId="merge-dialog"
      title={names ? t("structure.mergeConfirm", names) : t("structure.mergeTitle", { number: source.number })}
      onClose={onClose}
      footer={
        names ? (
          <>
            <button type="button" className={secondaryButton} onClick={() => (merge.reset(), setTarget(null))} disabled={merge.isPending}>
              {t("structure.back")}
            </button>
            <button
              type="button"
              data-autofocus
              className={dangerButton}
              disabled={merge.isPending}
              onClick={() => merge.mutate({ sourceId: source.id, targetId: target!.id })}
            >
              {t("structure.mergeDo")}
            </button>
          </>
        ) : (
          <button type="button" className={secondaryButton} onClick={onClose}>
            {t("structure.cancel")}
          </button>
        )
      }
    >
      {names && target ? (
        <div className="space-y-2 text-sm text-slate-700">
          <p className="rounded-md border border-slate-200 px-3 py-2">
            <span className="font-mono text-slate-500">#{target.number}</span> {target.title}
          </p>
          <p>{t("structure.mergeExplain", names)}</p>
        </div>
      ) : (
        <TicketPicker ticketId={source.id} onPick={setTarget} />
      )}
      {merge.isError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("structure.error", { message: errorMessage(merge.error, t("common.error")) })}
        </p>
      )}
    </ModalDialog>
  );
}
