"use client";

import { useId } from "react";
import { useQuery } from "@tanstack/react-query";
import { localName } from "@/app/_lib/local-name";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import type { TicketDetail } from "@/app/_lib/api-types";

/**
 * "Send and set status …" (issue 12.1): the status the ticket takes with the reply, in the
 * same transaction; empty keeps the status as it is.
 */
export function SendStatusSelect({ ticket, value, onChange }: { ticket: TicketDetail; value: number | null; onChange: (statusId: number | null) => void }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const id = useId();
  const queues = useQuery(trpc.ticket.queues.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const offered = (queues.data?.find((q) => q.id === ticket.queueId)?.statuses ?? []).filter((s) => s.id !== ticket.statusId);
  return (
    <span className="flex items-center gap-1.5 text-sm">
      <label htmlFor={id} className="text-slate-600">{t("editor.sendAndSet")}</label>
      <select
        id={id}
        data-testid="send-status"
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        <option value="">{t("editor.keepStatus")}</option>
        {offered.map((s) => (
          <option key={s.id} value={s.id}>{localName(s, lang)}</option>
        ))}
      </select>
    </span>
  );
}
