"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { RelativeTime } from "@/app/_components/RelativeTime";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { useI18n } from "@/app/_lib/i18n";
import { localName } from "@/app/_lib/local-name";
import { useTRPC } from "@/app/_lib/trpc";

const LIMIT = 50;

/**
 * The contact's tickets, as far as the viewer may read them, newest activity first. On a
 * ticket's page (C9) it is "other tickets of this customer": the ticket itself is left out.
 */
export function ContactTickets({ contactId, excludeTicketId }: { contactId: number; excludeTicketId?: number }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const tickets = useQuery(trpc.contact.tickets.queryOptions({ contactId, limit: LIMIT, excludeTicketId }));
  const others = excludeTicketId !== undefined;
  if (others && tickets.data?.total === 0) return null; // a ticket page shows the box only when there are others
  return (
    <section aria-labelledby="contact-tickets-title" className="rounded-xl border border-slate-200 bg-white shadow-sm" data-testid={others ? "other-tickets" : undefined}>
      <div className="flex items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <h2 id="contact-tickets-title" className="text-sm font-semibold text-slate-800">
          {t(others ? "ticket.otherTickets" : "contacts.tickets.title")}
        </h2>
        {tickets.data && <span className="text-xs text-slate-500">{tickets.data.total}</span>}
      </div>
      {tickets.isPending ? (
        <LoadingLine />
      ) : tickets.isError ? (
        <div className="p-3">
          <ErrorState message={t("contacts.tickets.loadError")} onRetry={() => tickets.refetch()} />
        </div>
      ) : tickets.data.items.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">{t("contacts.tickets.empty")}</p>
      ) : (
        <>
          <ul className="divide-y divide-slate-100" data-testid="contact-tickets">
            {tickets.data.items.map((ticket) => (
              <li key={ticket.id} className="px-4 py-2.5 text-sm" data-testid="contact-ticket">
                <div className="flex items-baseline gap-2">
                  <span className="font-mono text-xs text-slate-500">#{ticket.number}</span>
                  <Link href={`/tickets/${ticket.id}`} className="min-w-0 truncate font-medium text-slate-900 hover:text-blue-700 hover:underline">
                    {ticket.title}
                  </Link>
                </div>
                <div className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-slate-500">
                  <span>{localName({ name: ticket.statusName, nameDe: ticket.statusNameDe }, lang)}</span>
                  <span aria-hidden="true">·</span>
                  <span>{ticket.queueName}</span>
                  <span aria-hidden="true">·</span>
                  <RelativeTime date={ticket.lastEntryAt} />
                </div>
              </li>
            ))}
          </ul>
          {tickets.data.total > tickets.data.items.length && (
            <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
              {t("contacts.tickets.more", { shown: tickets.data.items.length, total: tickets.data.total })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
