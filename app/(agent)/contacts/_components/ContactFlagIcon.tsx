"use client";

import { useI18n } from "@/app/_lib/i18n";
import type { ContactFlag } from "./types";

/**
 * The contact's flag or block as an icon, wherever the contact appears (ticket list, ticket,
 * contact list and page). The kind and the note are its accessible name and its tooltip.
 */
export function ContactFlagIcon({
  flag, note, className = "h-4 w-4", decorative = false,
}: {
  flag: ContactFlag | null | undefined;
  note?: string | null;
  className?: string;
  /** Beside a text that already says it (a radio button's label): hidden from screen readers. */
  decorative?: boolean;
}) {
  const { t } = useI18n();
  if (!flag || flag === "none") return null;
  const label = note ? `${t(`contacts.flag.${flag}`)}: ${note}` : t(`contacts.flag.${flag}`);
  return (
    <span
      role={decorative ? undefined : "img"}
      aria-label={decorative ? undefined : label}
      aria-hidden={decorative || undefined}
      title={decorative ? undefined : label}
      data-testid="contact-flag"
      data-flag={flag}
      className={`inline-flex shrink-0 items-center ${flag === "blocked" ? "text-red-600" : "text-amber-500"}`}
    >
      {flag === "blocked" ? (
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true" className={className}>
          <circle cx="10" cy="10" r="7.25" />
          <path strokeLinecap="round" d="m5 15 10-10" />
        </svg>
      ) : (
        <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className={className}>
          <path d="M4 2.75a.75.75 0 0 1 .75.75v.35c1.5-.7 3.1-.72 4.76-.05 1.47.6 2.85.58 4.2-.06A.75.75 0 0 1 14.75 4.4v7.5a.75.75 0 0 1-.43.68c-1.73.81-3.53.84-5.37.1-1.36-.55-2.7-.5-4.2.24v4.58a.75.75 0 0 1-1.5 0v-14a.75.75 0 0 1 .75-.75Z" />
        </svg>
      )}
    </span>
  );
}
