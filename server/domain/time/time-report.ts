import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { hourlyRates, queues, tickets, timeEntries, users, type ServiceType } from "../../../db/schema";
import { CSV_FORMATS, toCsv, type CsvValue } from "../../../lib/csv";
import { amountCents, formatMinutes, timeTotals, type TimeTotals } from "../../../lib/time-amounts";
import type { Actor } from "../actor";
import { hasRight, isStaff, readableTicketsWhere } from "../permissions";

/**
 * The times report and its CSV export (F3): time entries across tickets, filtered by period,
 * agent, queue and billable. Anyone who may view tickets may use it; each sees only entries
 * on tickets they may read (`readableTicketsWhere`), so the report shows no more than the
 * tickets' "Times" sections do. The page and the CSV use the same filter and query.
 */

export interface TimeReportFilter {
  /** Inclusive start and exclusive end instants (the browser turns its local days into these). */
  from?: Date | null;
  to?: Date | null;
  userId?: number | null;
  queueId?: number | null;
  billable?: "all" | "billable" | "notBillable";
}

export interface TimeReportRow {
  id: number;
  workedAt: Date;
  ticketId: number;
  ticketNumber: number;
  ticketTitle: string;
  queueName: string;
  userName: string;
  minutes: number;
  serviceType: ServiceType;
  billable: boolean;
  rateName: string | null;
  centsPerHour: number | null;
  amountCents: number;
  note: string;
}

/** The page shows this many rows at most (totals count all); the CSV has every row. */
export const REPORT_PAGE_ROWS = 500;
export const REPORT_CSV_ROWS = 100_000;

/** Who may open the times report. */
export const mayUseTimeReport = (actor: Actor) => isStaff(actor) && hasRight(actor, "ticket.view");

function conditions(actor: Actor, f: TimeReportFilter): SQL | undefined {
  return and(
    readableTicketsWhere(actor),
    f.from ? gte(timeEntries.workedAt, f.from) : undefined,
    f.to ? lt(timeEntries.workedAt, f.to) : undefined,
    f.userId ? eq(timeEntries.userId, f.userId) : undefined,
    f.queueId ? eq(tickets.queueId, f.queueId) : undefined,
    f.billable === "billable" ? eq(timeEntries.billable, true) : f.billable === "notBillable" ? eq(timeEntries.billable, false) : undefined,
  );
}

async function reportRows(db: DbOrTx, actor: Actor, f: TimeReportFilter, limit: number): Promise<TimeReportRow[]> {
  if (!mayUseTimeReport(actor)) return [];
  const rows = await db
    .select({
      id: timeEntries.id, workedAt: timeEntries.workedAt, ticketId: tickets.id, ticketNumber: tickets.number, ticketTitle: tickets.title,
      queueName: queues.name, userName: users.name, minutes: timeEntries.minutes, serviceType: timeEntries.serviceType,
      billable: timeEntries.billable, rateName: hourlyRates.name, centsPerHour: timeEntries.centsPerHour, note: timeEntries.note,
    })
    .from(timeEntries)
    .innerJoin(tickets, eq(tickets.id, timeEntries.ticketId))
    .innerJoin(queues, eq(queues.id, tickets.queueId))
    .innerJoin(users, eq(users.id, timeEntries.userId))
    .leftJoin(hourlyRates, eq(hourlyRates.id, timeEntries.rateId))
    .where(conditions(actor, f))
    .orderBy(desc(timeEntries.workedAt), desc(timeEntries.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, amountCents: r.billable ? amountCents(r.minutes, r.centsPerHour) : 0 }));
}

/** Matching entries (the newest REPORT_PAGE_ROWS) with totals over all of them. */
export async function timeReport(
  db: DbOrTx,
  actor: Actor,
  f: TimeReportFilter,
): Promise<{ rows: TimeReportRow[]; totals: TimeTotals; count: number; truncated: boolean }> {
  const all = await reportRows(db, actor, f, REPORT_CSV_ROWS);
  return { rows: all.slice(0, REPORT_PAGE_ROWS), totals: timeTotals(all), count: all.length, truncated: all.length > REPORT_PAGE_ROWS };
}

const headers: Record<keyof typeof CSV_FORMATS, string[]> = {
  en: ["Date", "Ticket", "Title", "Queue", "Agent", "Service type", "Billable", "Minutes", "Hours", "Rate", "€ per hour", "Amount €", "Note"],
  de: ["Datum", "Ticket", "Betreff", "Queue", "Bearbeiter", "Leistungsart", "Abrechenbar", "Minuten", "Stunden", "Stundensatz", "€ pro Stunde", "Betrag €", "Notiz"],
};
const yesNo = { en: ["yes", "no"], de: ["ja", "nein"] } as const;

/** `YYYY-MM-DD HH:MM` in the given time zone (the browser's, passed along with the download). */
function localStamp(d: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .formatToParts(d)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The CSV of the report's rows for one language (separator, decimal mark and headers follow it). */
export async function timeReportCsv(
  db: DbOrTx,
  actor: Actor,
  f: TimeReportFilter,
  opts: { lang: "en" | "de"; timeZone: string },
): Promise<string> {
  const rows = await reportRows(db, actor, f, REPORT_CSV_ROWS);
  const euros = (cents: number | null) => (cents === null ? null : cents / 100);
  const lines: CsvValue[][] = [headers[opts.lang]];
  for (const r of rows) {
    lines.push([
      localStamp(r.workedAt, opts.timeZone), `#${r.ticketNumber}`, r.ticketTitle, r.queueName, r.userName, r.serviceType,
      yesNo[opts.lang][r.billable ? 0 : 1], r.minutes, formatMinutes(r.minutes), r.rateName, euros(r.centsPerHour),
      r.billable && r.centsPerHour !== null ? euros(r.amountCents) : null, r.note,
    ]);
  }
  return toCsv(lines, CSV_FORMATS[opts.lang]);
}
