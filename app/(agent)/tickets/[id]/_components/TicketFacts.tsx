"use client";

import { useQuery } from "@tanstack/react-query";
import type { TicketDetail } from "@/app/_lib/api-types";
import { dateOnly, dateTime } from "@/app/_lib/format";
import { localName } from "@/app/_lib/local-name";
import { useI18n } from "@/app/_lib/i18n";
import { useNow } from "@/app/_lib/useNow";
import { useTRPC } from "@/app/_lib/trpc";
import { ageInDays, ageTone } from "./ticket-field-values";
import { optionFieldKeys, optionFields } from "@/lib/ticket-option-fields";

const dt = "text-xs font-semibold uppercase tracking-wide text-slate-500";
const toneClass = {
  fresh: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  aging: "bg-amber-50 text-amber-900 ring-amber-300",
  old: "bg-red-50 text-red-800 ring-red-300",
  done: "bg-slate-50 text-slate-600 ring-slate-200",
} as const;

/** Kind, confidential and age, as badges under the ticket's status (C1, C2, C5). */
export function TicketBadges({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  const now = useNow(60_000);
  const days = ageInDays(ticket.createdAt, now);
  const tone = ageTone(days, ticket.statusCategory);
  const badge = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1";
  return (
    <div className="flex flex-wrap gap-1.5" data-testid="ticket-badges">
      <span className={`${badge} bg-slate-50 text-slate-700 ring-slate-200`} data-testid="ticket-kind">{t(`ticketFields.kind.${ticket.kind}`)}</span>
      {ticket.confidential && (
        <span className={`${badge} bg-red-50 text-red-800 ring-red-300`} data-testid="ticket-confidential">{t("ticketFields.confidential")}</span>
      )}
      <span className={`${badge} ${toneClass[tone]}`} data-testid="ticket-age" data-tone={tone} title={t("ticketFields.ageTitle")}>
        {t(days === 1 ? "ticketFields.ageOne" : "ticketFields.age", { days })}
      </span>
    </div>
  );
}

/** The C1 fields beyond queue, owner, priority and tags, each shown only when it has a value. */
export function TicketFacts({ ticket }: { ticket: TicketDetail }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const choices = useQuery(trpc.ticket.fieldChoices.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const now = useNow(60_000);
  const overdue = ticket.dueAt !== null && ticket.dueAt.getTime() < now && !["solved", "closed"].includes(ticket.statusCategory);
  const facts: { key: string; label: string; value: React.ReactNode }[] = [];
  if (ticket.coOwners.length) {
    facts.push({
      key: "coOwners",
      label: t("ticketFields.coOwners"),
      value: (
        <ul>
          {ticket.coOwners.map((o) => (
            <li key={o.userId}>
              {o.name}
              {o.roleName && <span className="text-slate-500"> · {localName({ name: o.roleName, nameDe: o.roleNameDe }, lang)}</span>}
            </li>
          ))}
        </ul>
      ),
    });
  }
  if (ticket.dueAt) {
    facts.push({
      key: "dueAt",
      label: t("ticketFields.dueAt"),
      value: (
        <span className={overdue ? "font-medium text-red-700" : undefined}>
          {dateOnly(ticket.dueAt, lang)}
          {overdue && ` · ${t("ticketFields.overdue")}`}
        </span>
      ),
    });
  }
  if (ticket.followUpAt) facts.push({ key: "followUpAt", label: t("ticketFields.followUpAt"), value: dateTime(ticket.followUpAt, lang) });
  if (ticket.customerCc.length) facts.push({ key: "customerCc", label: t("ticketFields.customerCc"), value: <span className="break-all">{ticket.customerCc.join(", ")}</span> });
  if (ticket.externalRef) facts.push({ key: "externalRef", label: t("ticketFields.externalRef"), value: <span className="font-mono">{ticket.externalRef}</span> });
  for (const key of optionFieldKeys) {
    const option = choices.data?.find((o) => o.id === ticket[key]);
    if (option) facts.push({ key, label: t(`ticketFields.${optionFields[key]}`), value: localName(option, lang) });
  }
  facts.push({ key: "billable", label: t("ticketFields.billable"), value: t(ticket.billable ? "ticketFields.yes" : "ticketFields.no") });
  return (
    <>
      {facts.map((f) => (
        <div key={f.key}>
          <dt className={dt}>{f.label}</dt>
          <dd className="mt-0.5 text-slate-900" data-testid={`ticket-${f.key}`}>{f.value}</dd>
        </div>
      ))}
    </>
  );
}
