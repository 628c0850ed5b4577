"use client";

import { dateOnly, dateTime } from "@/app/_lib/format";
import { useI18n, type MessageKey } from "@/app/_lib/i18n";

/** Fields whose changes the timeline and the history can name in the reader's language. */
const knownFields = [
  "status", "title", "queue", "owner", "priority", "tags", "kind", "confidential", "billable", "dueAt", "followUpAt",
  "externalRef", "customerCc", "customerAddresses", "brand", "category", "severity", "source", "serviceContract", "coOwners",
] as const;
type KnownField = (typeof knownFields)[number];

export const isKnownField = (field: string): field is KnownField => (knownFields as readonly string[]).includes(field);

/**
 * A stored field value as people read it. Stored values are language-neutral ("true", ISO
 * dates, kind names); they are put into words here. Other values show as stored.
 */
export function useChangeValue() {
  const { t, lang } = useI18n();
  return (field: string, v: string | null): string => {
    if (v === null || v === "") return "—";
    switch (field) {
      case "confidential":
      case "billable":
        return t(v === "true" ? "ticketFields.yes" : "ticketFields.no");
      case "dueAt":
        return dateOnly(new Date(v), lang);
      case "followUpAt":
        return dateTime(new Date(v), lang);
      case "kind":
        return t(`ticketFields.kind.${v}` as MessageKey);
      default:
        return v;
    }
  };
}

/** A field change as people read it: "Deadline: — → 24 Dec 2026". */
export function useChangeText() {
  const { t } = useI18n();
  const value = useChangeValue();
  return (c: { field: KnownField; from: string | null; to: string | null }) =>
    t("history.change", { field: t(`history.field.${c.field}`), from: value(c.field, c.from), to: value(c.field, c.to) });
}
