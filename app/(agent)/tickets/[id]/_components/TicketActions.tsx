"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { DeleteTicketDialog } from "./DeleteTicketDialog";
import { HistoryPanel } from "./HistoryPanel";
import { MergeDialog } from "./MergeDialog";
import type { TicketStructure } from "./useTicketStructure";

const toolButton = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60";
const MAX_TITLE = 300;

/** C7, C8: merge, copy, delete and the change history, offered as the user's rights allow. */
export function TicketActions({ structure }: { structure: TicketStructure }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<"merge" | "delete" | null>(null);
  const [history, setHistory] = useState(false);
  const copy = useMutation(
    trpc.ticketStructure.copy.mutationOptions({
      onSuccess: ({ id }) => {
        void queryClient.invalidateQueries(trpc.ticket.list.queryFilter());
        router.push(`/tickets/${id}`);
      },
    }),
  );
  const merged = structure.mergedInto !== null;
  const copyTitle = () => {
    const full = t("structure.copyTitle", { title: structure.title });
    return full.length > MAX_TITLE ? `${full.slice(0, MAX_TITLE - 1)}…` : full;
  };

  return (
    <div>
      <div role="toolbar" aria-label={t("structure.actions")} className="flex flex-wrap items-center gap-2">
        {structure.canWrite && !merged && (
          <button type="button" className={toolButton} onClick={() => setDialog("merge")}>
            {t("structure.merge")}
          </button>
        )}
        {structure.canCreate && (
          <button type="button" className={toolButton} disabled={copy.isPending} onClick={() => copy.mutate({ ticketId: structure.id, title: copyTitle() })}>
            {t("structure.copy")}
          </button>
        )}
        {structure.canDelete && (
          <button type="button" className={`${toolButton} text-red-700`} onClick={() => setDialog("delete")}>
            {t("structure.delete")}
          </button>
        )}
        <button
          type="button"
          className={`${toolButton} ${history ? "border-blue-300 bg-blue-50 text-blue-800" : ""}`}
          aria-expanded={history}
          aria-controls="ticket-history"
          onClick={() => setHistory((h) => !h)}
        >
          {t("structure.history")}
        </button>
      </div>
      {copy.isError && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {t("structure.error", { message: errorMessage(copy.error, t("common.error")) })}
        </p>
      )}
      {history && <HistoryPanel ticketId={structure.id} />}
      {dialog === "merge" && <MergeDialog source={structure} onClose={() => setDialog(null)} />}
      {dialog === "delete" && <DeleteTicketDialog ticket={structure} onClose={() => setDialog(null)} />}
    </div>
  );
}
