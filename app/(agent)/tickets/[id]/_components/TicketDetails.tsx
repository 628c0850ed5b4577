"use client";

import Link from "next/link";
import { ProgressBar } from "@/app/_components/ProgressBar";
import { RelativeTime } from "@/app/_components/RelativeTime";
import { localName } from "@/app/_lib/local-name";
import { useI18n } from "@/app/_lib/i18n";
import type { TicketDetail } from "@/app/_lib/api-types";
import { TagList } from "@/app/_components/TagList";
import { ContactFlagIcon } from "../../../contacts/_components/ContactFlagIcon";
import { ClaimButton } from "./ClaimButton";
import { StatusSelect } from "./StatusSelect";
import { TakeoverDialog } from "./TakeoverDialog";
import { TeamWatchers } from "./TeamWatchers";
import { TicketEditForm } from "./TicketEditForm";
import { TicketBadges, TicketFacts } from "./TicketFacts";
import type { EditorLock } from "./useEditorLock";

/** Customer, queue, status and progress, beside the timeline; "Edit" opens the fields under the ticket's lock. */
export function TicketDetails({ ticket, editor }: { ticket: TicketDetail; editor: EditorLock }) {
  const { t } = useI18n();
  const editing = editor.mode === "edit";
  const pending = editor.pendingTakeover?.kind === "edit" ? editor.pendingTakeover : null;
  return (
    <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-800">{t(editing ? "ticketEdit.title" : "ticketEdit.details")}</h2>
        {!editing && ticket.mergedIntoId === null && (
          <button
            type="button"
            onClick={() => void editor.open("edit")}
            data-shortcut="edit"
            disabled={editor.opening || editor.mode !== null}
            className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
          >
            {t("ticketEdit.open")}
          </button>
        )}
      </div>
      {editor.takenOver?.kind === "edit" && !editing && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-950">
          {t("ticketEdit.takenOver", { name: editor.takenOver.by.userName })}
        </p>
      )}
      {pending && (
        <TakeoverDialog
          holder={pending.holder}
          pending={editor.opening}
          error={editor.takeoverError}
          onConfirm={() => void editor.confirmTakeover()}
          onCancel={editor.cancelTakeover}
        />
      )}
      {editing ? <TicketEditForm ticket={ticket} editor={editor} /> : <ReadOnlyDetails ticket={ticket} />}
    </div>
  );
}

function ReadOnlyDetails({ ticket }: { ticket: TicketDetail }) {
  const { t, lang } = useI18n();
  const dt = "text-xs font-semibold uppercase tracking-wide text-slate-500";
  // Numbers found in the customer's mail (G4), shown only when there is one.
  const references = (["customerNumber", "orderNumber", "invoiceNumber"] as const)
    .map((key) => [key, ticket[key]] as const)
    .filter(([, value]) => value);
  return (
    <>
      {ticket.mergedIntoId === null ? (
        <StatusSelect ticket={ticket} />
      ) : (
        <p className="text-sm text-slate-700" data-testid="ticket-status">{localName({ name: ticket.statusName, nameDe: ticket.statusNameDe }, lang)}</p>
      )}
      <TicketBadges ticket={ticket} />
      <div>
        <div className="flex justify-between text-xs text-slate-500">
          <span>{t("ticket.progress")}</span>
          <span>{ticket.progress}%</span>
        </div>
        <ProgressBar value={ticket.progress} label={t("ticket.progress")} className="mt-1 h-2" />
      </div>
      <dl className="space-y-3 text-sm">
        <div>
          <dt className={dt}>{t("ticket.customer")}</dt>
          <dd className="mt-0.5 text-slate-900" data-testid="ticket-customer">
            {ticket.contactId ? (
              // The customer links to the contact; its flag or block shows beside the name, with the note below.
              <>
                <div className="flex items-center gap-1.5">
                  <Link href={`/contacts/${ticket.contactId}`} className="break-all font-medium text-blue-700 hover:underline" data-testid="ticket-contact-link">
                    {ticket.contactName || ticket.contactEmail}
                  </Link>
                  <ContactFlagIcon flag={ticket.contactFlag} note={ticket.contactFlagNote} />
                </div>
                {ticket.contactName && ticket.contactEmail && <div className="break-all text-slate-600">{ticket.contactEmail}</div>}
                {ticket.contactFlag && ticket.contactFlag !== "none" && ticket.contactFlagNote && (
                  <div className={`mt-1 text-xs ${ticket.contactFlag === "blocked" ? "text-red-700" : "text-amber-800"}`}>{ticket.contactFlagNote}</div>
                )}
              </>
            ) : (
              "—"
            )}
          </dd>
        </div>
        {references.map(([key, value]) => (
          <div key={key}>
            <dt className={dt}>{t(`ticket.${key}`)}</dt>
            <dd className="mt-0.5 font-mono text-slate-900" data-testid={`ticket-${key}`}>
              {value}
            </dd>
          </div>
        ))}
        <div>
          <dt className={dt}>{t("ticket.queue")}</dt>
          <dd className="mt-0.5 text-slate-900">{localName({ name: ticket.queueName, nameDe: ticket.queueNameDe }, lang)}</dd>
        </div>
        {ticket.tags.length > 0 && (
          <div>
            <dt className={dt}>{t("ticket.tags")}</dt>
            <dd className="mt-1">
              <TagList tags={ticket.tags} />
            </dd>
          </div>
        )}
        <div>
          <dt className={dt}>{t("ticketEdit.priority")}</dt>
          <dd className="mt-0.5 text-slate-900" data-testid="ticket-priority">
            {t(`ticketEdit.priority.${ticket.priority}` as "ticketEdit.priority.0")}
          </dd>
        </div>
        {!ticket.ownerName && (
          <div>
            <dt className={dt}>{t("ticket.owner")}</dt>
            <dd className="mt-0.5 text-slate-900" data-testid="ticket-owner">
              {t("ticketEdit.noOwner")}
              {ticket.mergedIntoId === null && <ClaimButton ticketId={ticket.id} />}
            </dd>
          </div>
        )}
        {ticket.ownerName && (
          <div>
            <dt className={dt}>{t("ticket.owner")}</dt>
            <dd className="mt-0.5 text-slate-900" data-testid="ticket-owner">
              {ticket.ownerName}
              {ticket.ownerOutOfOffice && (
                <span data-testid="owner-away" className="mt-0.5 block text-xs text-amber-800">
                  {t("ticket.ownerAway", { note: ticket.ownerOutOfOffice })}
                </span>
              )}
            </dd>
          </div>
        )}
        <TicketFacts ticket={ticket} />
        <div>
          <dt className={dt}>{t("ticket.created")}</dt>
          <dd className="mt-0.5 text-slate-900" data-testid="ticket-created">
            <RelativeTime date={ticket.createdAt} />
            {ticket.createdByName && ` · ${ticket.createdByName}`}
          </dd>
        </div>
      </dl>
      <TeamWatchers ticketId={ticket.id} />
    </>
  );
}
