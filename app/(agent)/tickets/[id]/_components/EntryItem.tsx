"use client";

import { useEffect, useRef } from "react";
import { CheckCircleIcon, ClockIcon, CogIcon, EnvelopeIcon, LockIcon, ReplyIcon } from "@/app/_components/icons";
import { RelativeTime } from "@/app/_components/RelativeTime";
import { useI18n } from "@/app/_lib/i18n";
import type { Entry } from "@/app/_lib/api-types";
import { AttachmentList } from "./AttachmentList";
import { DeliveryProblem, DeliveryStatus } from "./DeliveryStatus";
import { StructureEventText } from "./StructureEventText";
import { isKnownField, useChangeText } from "./useChangeText";

/** D1/D8: customer mail white, messages to the customer blue, internal comments yellow. */
const cardStyle = {
  customer_mail: "border-slate-200 bg-white",
  agent_message: "border-blue-200 bg-blue-50",
  internal_comment: "border-amber-300 bg-amber-50",
} as const;

/**
 * One timeline entry. A mail's HTML is shown as the server returns it: sanitised with an
 * allowlist on import and again when read, inline images pointed at our attachment route.
 */
export function EntryItem({ entry, highlighted = false }: { entry: Entry; highlighted?: boolean }) {
  const { t, lang } = useI18n();
  const item = useRef<HTMLLIElement>(null);
  // An entry that arrived while the user was writing is brought into view once.
  useEffect(() => {
    if (highlighted) item.current?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [highlighted]);

  if (entry.kind === "system_event") {
    return (
      <li data-testid="entry" data-kind={entry.kind} className="flex items-center gap-2 px-2 py-1 text-xs text-slate-500">
        <span className="h-px flex-1 bg-slate-200" aria-hidden="true" />
        <CogIcon className="h-3.5 w-3.5 shrink-0 text-slate-400" />
        <span>
          <SystemEventText entry={entry} />
          {entry.authorName && !namesActor(entry) && ` · ${entry.authorName}`}
          {" · "}
          <RelativeTime date={entry.createdAt} />
        </span>
        <span className="h-px flex-1 bg-slate-200" aria-hidden="true" />
      </li>
    );
  }

  return (
    <li
      ref={item}
      data-testid="entry"
      data-kind={entry.kind}
      data-highlighted={highlighted ? "true" : undefined}
      data-solution={entry.isSolution ? "true" : undefined}
      className={`rounded-xl border p-4 shadow-sm ${cardStyle[entry.kind]} ${
        highlighted ? "ring-2 ring-offset-2 ring-rose-500" : entry.isSolution ? "ring-2 ring-emerald-500" : ""
      }`}
    >
      <article>
        <header className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          {entry.kind === "customer_mail" && (
            <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-700 ring-1 ring-slate-200">
              <EnvelopeIcon className="h-3.5 w-3.5" />
              {t("entry.customer")}
            </span>
          )}
          {entry.kind === "agent_message" && (
            <span className="inline-flex items-center gap-1 rounded-full bg-blue-600 px-2 py-0.5 text-xs font-semibold text-white">
              <ReplyIcon className="h-3.5 w-3.5" />
              {t("entry.agentMessage")}
            </span>
          )}
          {entry.kind === "internal_comment" && (
            <span className="inline-flex items-center gap-1 rounded-full bg-amber-200 px-2 py-0.5 text-xs font-semibold text-amber-950">
              <LockIcon className="h-3.5 w-3.5" />
              {t("entry.internal")}
            </span>
          )}
          {entry.isSolution && (
            <span data-testid="entry-solution" className="inline-flex items-center gap-1 rounded-full bg-emerald-600 px-2 py-0.5 text-xs font-semibold text-white">
              <CheckCircleIcon className="h-3.5 w-3.5" />
              {t("entry.solution")}
            </span>
          )}
          {entry.topicName && (
            <span data-testid="entry-topic" className="rounded-full bg-white px-2 py-0.5 text-xs text-slate-700 ring-1 ring-slate-300">
              {t("entry.topic", { topic: lang === "de" && entry.topicNameDe ? entry.topicNameDe : entry.topicName })}
            </span>
          )}
          <span className="font-semibold text-slate-900">{entry.authorName}</span>
          {entry.kind === "customer_mail" && entry.fromEmail && entry.fromEmail !== entry.authorName && (
            <span className="text-slate-500">&lt;{entry.fromEmail}&gt;</span>
          )}
          {entry.kind === "agent_message" && entry.toEmails.length > 0 && (
            <span data-testid="entry-to" className="text-slate-500">{t("entry.to", { to: entry.toEmails.join(", ") })}</span>
          )}
          {entry.kind === "agent_message" && entry.ccEmails.length > 0 && (
            <span data-testid="entry-cc" className="text-slate-500">{t("entry.cc", { cc: entry.ccEmails.join(", ") })}</span>
          )}
          {entry.kind === "agent_message" && entry.bccEmails.length > 0 && (
            <span data-testid="entry-bcc" className="text-slate-500">{t("entry.bcc", { bcc: entry.bccEmails.join(", ") })}</span>
          )}
          {highlighted && (
            <span className="rounded-full bg-rose-600 px-2 py-0.5 text-xs font-semibold text-white">{t("collision.newBadge")}</span>
          )}
          <span className="ml-auto flex items-center gap-2 text-xs text-slate-500">
            {entry.timeSpentMinutes != null && entry.timeSpentMinutes > 0 && (
              <span
                data-testid="entry-time-spent"
                title={t("timer.entrySpentTitle", { minutes: entry.timeSpentMinutes })}
                className="inline-flex items-center gap-1"
              >
                <ClockIcon className="h-3.5 w-3.5" />
                <span className="sr-only">{t("timer.entrySpentTitle", { minutes: entry.timeSpentMinutes })}</span>
                <span aria-hidden="true">{t("timer.entrySpent", { minutes: entry.timeSpentMinutes })}</span>
              </span>
            )}
            {entry.kind === "agent_message" && entry.outboxStatus && <DeliveryStatus status={entry.outboxStatus} />}
            <RelativeTime date={entry.createdAt} />
          </span>
        </header>
        {entry.kind === "agent_message" && entry.outboxStatus && (
          <DeliveryProblem outboxId={entry.outboxId} status={entry.outboxStatus} error={entry.outboxError} />
        )}
        {entry.subject && entry.kind === "customer_mail" && (
          <h3 className="mt-2 text-sm font-semibold text-slate-800">{entry.subject}</h3>
        )}
        {entry.bodyHtml ? (
          <div
            data-testid="entry-html"
            className="mail-html mt-2 break-words text-sm leading-relaxed text-slate-800"
            dangerouslySetInnerHTML={{ __html: entry.bodyHtml }}
          />
        ) : (
          <div className="mt-2 whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-800">
            {entry.bodyText.trim() ? entry.bodyText : <span className="italic text-slate-400">{t("entry.noText")}</span>}
          </div>
        )}
        <AttachmentList files={entry.attachments} />
      </article>
    </li>
  );
}

/** True when a change already names its actor as the new value ("Owner: — → Agent 1"), so the line names them once. */
function namesActor(entry: Entry): boolean {
  const meta = entry.meta;
  if (!meta || "structure" in meta) return false;
  const changes = "changes" in meta ? meta.changes : [meta];
  return changes.some((c) => c.to !== null && c.to === entry.authorName);
}

/** "Status: New → Open", in the reader's language when the event says which field changed. */
function SystemEventText({ entry }: { entry: Entry }) {
  const changeText = useChangeText();
  const meta = entry.meta;
  if (meta && "structure" in meta) return <StructureEventText meta={meta} />;
  const changes = !meta ? [] : "changes" in meta ? meta.changes : [meta];
  const known = changes.flatMap((c) => (isKnownField(c.field) ? [{ ...c, field: c.field }] : []));
  if (changes.length === 0 || known.length < changes.length) return <>{entry.bodyText}</>;
  return <>{known.map(changeText).join(" · ")}</>;
}
