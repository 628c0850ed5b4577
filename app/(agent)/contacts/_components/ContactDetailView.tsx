"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";
import { RelativeTime } from "@/app/_components/RelativeTime";
import { ErrorState, LoadingLine } from "@/app/_components/StateMessages";
import { errorCode } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { ContactFlagIcon } from "./ContactFlagIcon";
import { ContactForm } from "./ContactForm";
import { ContactTickets } from "./ContactTickets";
import { MergeDialog } from "./MergeDialog";
import { contactTitle, type ContactDetail } from "./types";

export function ContactDetailView() {
  const params = useParams<{ id: string }>();
  const contactId = Number(params.id);
  const { t } = useI18n();
  if (!Number.isInteger(contactId) || contactId <= 0) return <ErrorState message={t("contacts.notFound")} />;
  return <ContactScreen key={contactId} contactId={contactId} />;
}

/** One contact: its flag, the edit form, its tickets, and merging a duplicate into it. */
function ContactScreen({ contactId }: { contactId: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const contact = useQuery(trpc.contact.get.queryOptions({ contactId }));
  const [merging, setMerging] = useState(false);
  /** Bumped after a merge into this contact: the form starts again from the merged data. */
  const [formRound, setFormRound] = useState(0);

  if (contact.isPending) return <LoadingLine />;
  if (contact.isError) {
    const code = errorCode(contact.error);
    return code === "NOT_FOUND" || code === "BAD_REQUEST" ? (
      <ErrorState message={t("contacts.notFound")} />
    ) : (
      <ErrorState message={t("contacts.loadError")} onRetry={() => contact.refetch()} />
    );
  }
  const c = contact.data;
  return (
    <div className="space-y-4">
      <Link href="/contacts" className="text-sm text-blue-700 hover:underline">
        ← {t("contacts.back")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="flex items-center gap-2 text-2xl font-semibold tracking-tight" data-testid="contact-title">
            {contactTitle(c)}
            <ContactFlagIcon flag={c.flag} note={c.flagNote} className="h-5 w-5" />
          </h1>
          <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-600">
            <span className="break-all">{c.email}</span>
            {c.customerNumber && <span>{t("contacts.field.customerNumber")}: <span className="font-mono">{c.customerNumber}</span></span>}
            {c.organisationId && c.organisationName && (
              <Link href={`/contacts/organisations/${c.organisationId}`} className="text-blue-700 hover:underline">
                {c.organisationName}
              </Link>
            )}
          </p>
        </div>
        <button
          type="button"
          onClick={() => setMerging(true)}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
        >
          {t("contacts.merge.open")}
        </button>
      </div>
      <FlagBanner contact={c} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <ContactForm key={`${c.id}-${formRound}`} contact={c} />
        </div>
        <aside className="space-y-4">
          <ContactTickets contactId={c.id} />
          <p className="px-1 text-xs text-slate-500">
            {t("contacts.created")} <RelativeTime date={c.createdAt} />
          </p>
        </aside>
      </div>
      {merging && (
        <MergeDialog
          contact={c}
          onClose={() => setMerging(false)}
          onMerged={() => {
            setMerging(false);
            setFormRound((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}

/** A flagged or blocked contact says so at the top of its page, with the note. */
function FlagBanner({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  if (contact.flag === "none") return null;
  const blocked = contact.flag === "blocked";
  return (
    <p
      data-testid="contact-flag-banner"
      className={`flex items-start gap-2 rounded-lg border px-3 py-2 text-sm ${
        blocked ? "border-red-200 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-950"
      }`}
    >
      <ContactFlagIcon flag={contact.flag} className="mt-0.5 h-4 w-4" decorative />
      <span>
        <span className="font-semibold">{t(`contacts.flag.${contact.flag}`)}</span>
        {contact.flagNote && <>: {contact.flagNote}</>}
      </span>
    </p>
  );
}
