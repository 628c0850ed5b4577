"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { MouseEvent } from "react";
import { ProgressBar } from "@/app/_components/ProgressBar";
import { LastSpeaker } from "@/app/_components/LastSpeaker";
import { localName } from "@/app/_lib/local-name";
import { useI18n } from "@/app/_lib/i18n";
import type { TicketListItem } from "@/app/_lib/api-types";
import { TagList } from "@/app/_components/TagList";
import { ContactFlagIcon } from "../../contacts/_components/ContactFlagIcon";
import { LockBadge } from "./LockBadge";
import { LockTimer } from "./LockTimer";
import { PresenceMarker } from "./PresenceMarker";

/**
 * One ticket in the list. The title is the real link (keyboard, middle click, screen
 * readers); a click anywhere else on the row opens the ticket too.
 */
export function TicketRow({ ticket, isNew }: { ticket: TicketListItem; isNew: boolean }) {
  const { t, lang } = useI18n();
  const router = useRouter();
  const href = `/tickets/${ticket.id}`;

  function onRowClick(e: MouseEvent) {
    if ((e.target as HTMLElement).closest("a")) return; // the link handles itself
    if (window.getSelection()?.toString()) return; // the user is selecting text
    if (e.ctrlKey || e.metaKey || e.shiftKey) window.open(href, "_blank", "noopener");
    else router.push(href);
  }
  const customer = ticket.contactName || ticket.contactEmail || "—";
  return (
    <tr
      data-testid="ticket-row"
      data-ticket-number={ticket.number}
      data-new={isNew ? "true" : undefined}
      onClick={onRowClick}
      className={`cursor-pointer transition-colors hover:bg-slate-50 focus-within:bg-blue-50 ${isNew ? "bg-blue-50/60" : ""}`}
    >
      <td
        className={`whitespace-nowrap border-l-4 py-3 pl-3 pr-3 font-mono text-sm text-slate-500 ${
          isNew ? "border-blue-500" : "border-transparent"
        }`}
      >
        #{ticket.number}
      </td>
      <td className="py-3 pr-3">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={href} data-row-link className="font-medium text-slate-900 hover:text-blue-700 hover:underline focus-visible:rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
            {ticket.title}
          </Link>
          {isNew && (
            <span className="rounded-full bg-blue-600 px-2 py-0.5 text-xs font-semibold text-white">{t("tickets.newBadge")}</span>
          )}
          {ticket.lock && <LockBadge lock={ticket.lock} />}
          {ticket.lock && <LockTimer lock={ticket.lock} compact />}
          <PresenceMarker viewers={ticket.viewers} />
        </div>
        {ticket.tags.length > 0 && (
          <div className="mt-1">
            <TagList tags={ticket.tags} />
          </div>
        )}
      </td>
      <td className="py-3 pr-3 text-sm">
        <div className="flex items-center gap-1.5 text-slate-800">
          {customer}
          <ContactFlagIcon flag={ticket.contactFlag} note={ticket.contactFlagNote} />
        </div>
        {ticket.contactName && ticket.contactEmail && <div className="text-xs text-slate-500">{ticket.contactEmail}</div>}
      </td>
      <td className="whitespace-nowrap py-3 pr-3 text-sm text-slate-700">{localName({ name: ticket.queueName, nameDe: ticket.queueNameDe }, lang)}</td>
      <td className="w-40 py-3 pr-3 text-sm">
        <div className="text-slate-800">{localName({ name: ticket.statusName, nameDe: ticket.statusNameDe }, lang)}</div>
        <ProgressBar value={ticket.progress} label={t("ticket.progress")} className="mt-1" />
      </td>
      <td className="whitespace-nowrap py-3 pr-3 text-sm text-slate-600">
        <LastSpeaker speaker={ticket.lastSpeaker} since={ticket.lastSpokeAt} fallback={ticket.lastEntryAt} />
      </td>
    </tr>
  );
}
