"use client";

import Link from "next/link";
import { useI18n } from "@/app/_lib/i18n";
import type { TicketDetail } from "@/app/_lib/api-types";
import { WatchToggle } from "./WatchToggle";

export function TicketHeader({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between gap-3">
        <Link href="/tickets" className="text-sm text-blue-700 hover:underline">
          ← {t("ticket.back")}
        </Link>
        <WatchToggle ticketId={ticket.id} />
      </div>
      <h1 className="flex flex-wrap items-baseline gap-x-3 text-2xl font-semibold tracking-tight">
        <span className="font-mono text-lg font-normal text-slate-500" data-testid="ticket-number">
          #{ticket.number}
        </span>
        <span data-testid="ticket-title">{ticket.title}</span>
      </h1>
    </div>
  );
}
