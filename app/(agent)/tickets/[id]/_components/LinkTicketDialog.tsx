"use client";

import { useMutation } from "@tanstack/react-query";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { ModalDialog, secondaryButton } from "@/app/_components/ModalDialog";
import { TicketPicker } from "./TicketPicker";
import { useStructureRefresh, type TicketStructure } from "./useTicketStructure";

/** Picks a ticket by search and makes it this ticket's parent (`as="parent"`) or child (`as="child"`). */
export function LinkTicketDialog({ ticket, as, onClose }: { ticket: TicketStructure; as: "parent" | "child"; onClose: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const refresh = useStructureRefresh();
  const link = useMutation(
    trpc.ticketStructure.setParent.mutationOptions({
      onSuccess: () => {
        refresh();
        onClose();
      },
    }),
  );
  return (
    <ModalDialog
      testId="link-dialog"
      title={t(as === "parent" ? "structure.pickParentTitle" : "structure.pickChildTitle", { number: ticket.number })}
      onClose={onClose}
      footer={
        <button type="button" className={secondaryButton} onClick={onClose}>
          {t("structure.cancel")}
        </button>
      }
    >
      <TicketPicker
        ticketId={ticket.id}
        onPick={(picked) =>
          link.mutate(as === "parent" ? { ticketId: ticket.id, parentId: picked.id } : { ticketId: picked.id, parentId: ticket.id })
        }
      />
      {link.isError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("structure.error", { message: errorMessage(link.error, t("common.error")) })}
        </p>
      )}
    </ModalDialog>
  );
}
