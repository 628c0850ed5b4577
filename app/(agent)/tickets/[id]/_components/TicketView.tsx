"use client";

import { useQuery } from "@tanstack/react-query";
import { useParams } from "next/navigation";
import { useState } from "react";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { errorCode } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { useMe } from "../../../_components/useMe";
import { ContactTickets } from "../../../contacts/_components/ContactTickets";
import { Composer } from "./Composer";
import { LockBanner } from "./LockBanner";
import { MergedNotice } from "./MergedNotice";
import { PresenceBar } from "./PresenceBar";
import { RelatedTickets } from "./RelatedTickets";
import { TicketActions } from "./TicketActions";
import { TicketDetails } from "./TicketDetails";
import { TicketHeader } from "./TicketHeader";
import { TicketReminders } from "./TicketReminders";
import { TicketTimes } from "./TicketTimes";
import { Timeline } from "./Timeline";
import { useDrafts } from "./useDrafts";
import { useEditorLock } from "./useEditorLock";
import { useTicketRoom } from "./useTicketRoom";
import { useTicketShortcuts } from "./useTicketShortcuts";
import { useTicketStructure } from "./useTicketStructure";

export function TicketView() {
  const params = useParams<{ id: string }>();
  const ticketId = Number(params.id);
  const { t } = useI18n();
  if (!Number.isInteger(ticketId) || ticketId <= 0) return <ErrorState message={t("common.notFound")} />;
  return <TicketScreen key={ticketId} ticketId={ticketId} />;
}

function TicketScreen({ ticketId }: { ticketId: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const me = useMe();
  const ticket = useQuery(trpc.ticket.get.queryOptions({ ticketId }));
  // Delivery state arrives live: the worker announces each attempt as ticket:changed.
  const entries = useQuery(trpc.entry.list.queryOptions({ ticketId }));
  // Parent, children, merge target and allowed actions (C6–C8).
  const structure = useTicketStructure(ticketId);
  useTicketRoom(ticketId);
  const drafts = useDrafts(ticketId, me.userId);
  // A colleague took our lock: the editor closes, its text stays stored and is offered back.
  const editor = useEditorLock(ticketId, { onLost: (kind, ms) => kind !== "edit" && drafts.stash(kind, ms) });
  /** Entries that arrived while the user was writing (collision guard). */
  const [newEntryIds, setNewEntryIds] = useState<number[]>([]);
  useTicketShortcuts(ticket.data, me.userId);

  if (ticket.isPending) return <LoadingLine />;
  if (ticket.isError) {
    const code = errorCode(ticket.error);
    return code === "NOT_FOUND" || code === "BAD_REQUEST" ? (
      <ErrorState message={t("common.notFound")} />
    ) : (
      <ErrorState message={t("ticket.loadError")} onRetry={() => ticket.refetch()} />
    );
  }

  const lock = ticket.data.lock;
  const denied = lock !== null && editor.deniedBy === lock.userId;
  const latestEntryId = entries.data?.length ? Math.max(...entries.data.map((e) => e.id)) : undefined;

  return (
    <div className="space-y-4">
      <TicketHeader ticket={ticket.data} />
      <PresenceBar viewers={ticket.data.viewers} myUserId={me.userId} />
      {structure.data && <TicketActions structure={structure.data} />}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0">
          <LockBanner lock={lock} myUserId={me.userId} denied={denied} />
          <section aria-labelledby="timeline-heading" className="mb-4 space-y-3">
            <h2 id="timeline-heading" className="sr-only">
              {t("timeline.title")}
            </h2>
            {entries.isPending ? (
              <LoadingLine />
            ) : entries.isError ? (
              <ErrorState message={t("timeline.loadError")} onRetry={() => entries.refetch()} />
            ) : (
              <Timeline entries={entries.data} highlightIds={newEntryIds} />
            )}
          </section>
          {structure.data?.mergedInto ? (
            <MergedNotice mergedInto={structure.data.mergedInto} />
          ) : (
            <Composer
              ticket={ticket.data}
              editor={editor}
              drafts={drafts}
              latestEntryId={latestEntryId}
              onNewEntries={setNewEntryIds}
            />
          )}
          <TicketTimes ticketId={ticketId} />
        </div>
        <aside className="order-first space-y-4 lg:order-none">
          <TicketDetails ticket={ticket.data} editor={editor} />
          {structure.data && <RelatedTickets structure={structure.data} />}
          <TicketReminders ticketId={ticketId} />
          {ticket.data.contactId && <ContactTickets contactId={ticket.data.contactId} excludeTicketId={ticketId} />}
        </aside>
      </div>
    </div>
  );
}
