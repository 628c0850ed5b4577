"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { ModalDialog, dangerButton, secondaryButton } from "@/app/_components/ModalDialog";
import type { TicketStructure } from "./useTicketStructure";

/** C8: deleting asks first; afterwards the list opens (other screens drop the ticket live). */
export function DeleteTicketDialog({ ticket, onClose }: { ticket: TicketStructure; onClose: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.ticketStructure.delete.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.ticket.list.queryFilter());
        router.push("/tickets");
      },
    }),
  );
  return (
    <ModalDialog
      testId="delete-dialog"
      title={t("structure.deleteTitle", { number: ticket.number })}
      onClose={onClose}
      footer={
        <>
          <button type="button" data-autofocus className={secondaryButton} onClick={onClose}>
            {t("structure.cancel")}
          </button>
          <button type="button" className={dangerButton} disabled={remove.isPending} onClick={() => remove.mutate({ ticketId: ticket.id })}>
            {t("structure.deleteDo")}
          </button>
        </>
      }
    >
      <p className="text-sm text-slate-700">
        <span className="font-mono text-slate-500">#{ticket.number}</span> {ticket.title}
      </p>
      <p className="text-sm text-slate-600">{t("structure.deleteExplain")}</p>
      {remove.isError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("structure.error", { message: errorMessage(remove.error, t("common.error")) })}
        </p>
      )}
    </ModalDialog>
  );
}
