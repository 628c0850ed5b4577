/**
 * Time tracking arithmetic (F1–F3), shared by the server (totals, CSV) and the browser.
 * Money is kept in whole cents; an entry's amount is rounded once, as it would be on a bill,
 * and totals add those rounded amounts.
 */

/** 90 → "1:30", 5 → "0:05", 1500 → "25:00". */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}`;
}

/** What `minutes` cost at `centsPerHour`, in whole cents; 0 without a rate. */
export function amountCents(minutes: number, centsPerHour: number | null): number {
  return centsPerHour ? Math.round((minutes * centsPerHour) / 60) : 0;
}

export interface TimeTotals {
  minutes: number;
  billableMinutes: number;
  /** Sum of the billable entries' amounts. */
  amountCents: number;
}

/** Totals over entries; only billable entries count towards the amount. */
export function timeTotals(entries: readonly { minutes: number; billable: boolean; centsPerHour: number | null }[]): TimeTotals {
  const totals: TimeTotals = { minutes: 0, billableMinutes: 0, amountCents: 0 };
  for (const e of entries) {
    totals.minutes += e.minutes;
    if (!e.billable) continue;
    totals.billableMinutes += e.minutes;
    totals.amountCents += amountCents(e.minutes, e.centsPerHour);
  }
  return totals;
}

/** What a user types for a duration: "90" (minutes), "1:30" or "1h30" (hours and minutes); null if neither. */
export function parseDuration(text: string): number | null {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^(\d+)\s*(?::|h)\s*(\d{1,2})?$/.exec(s);
  if (!m || Number(m[2] ?? 0) > 59) return null;
  return Number(m[1]) * 60 + Number(m[2] ?? 0);
}
