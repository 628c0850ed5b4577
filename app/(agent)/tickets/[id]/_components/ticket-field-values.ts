import type { TicketDetail } from "@/app/_lib/api-types";
import { dateInputValue, dateTimeInputValue } from "@/app/_lib/format";

/** The ticket's date fields as the form's inputs want them, and back. */
export const toDateInput = (d: Date | null): string => (d ? dateInputValue(d) : "");
export const toDateTimeInput = (d: Date | null): string => (d ? dateTimeInputValue(d) : "");

/** A deadline date means the end of that day, local time. */
export function fromDateInput(v: string): Date | null {
  return v ? new Date(`${v}T23:59:00`) : null;
}

export function fromDateTimeInput(v: string): Date | null {
  return v ? new Date(v) : null;
}

/** Whole days since the ticket was opened. */
export function ageInDays(createdAt: Date, now = Date.now()): number {
  return Math.max(0, Math.floor((now - createdAt.getTime()) / 86_400_000));
}

/** Age colour (C1): fresh, getting old (3 days), old (7 days). Closed tickets do not age. */
export function ageTone(days: number, category: TicketDetail["statusCategory"]): "fresh" | "aging" | "old" | "done" {
  if (category === "solved" || category === "closed") return "done";
  return days >= 7 ? "old" : days >= 3 ? "aging" : "fresh";
}
