import { and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { hourlyRates, tickets, timeEntries, users, type ServiceType, type TimeEntry } from "../../../db/schema";
import { amountCents, timeTotals, type TimeTotals } from "../../../lib/time-amounts";
import type { Actor } from "../actor";
import { configFieldError } from "../config/shared";
import { forbidden, invalid, notFound } from "../errors";
import type { DomainEvent } from "../events";
import { assertCanWriteTicket, canReadTicket, canWriteTicket, isAdmin, ticketAccessColumns, type TicketAccess } from "../permissions";
import { ticketTouchedEvent } from "../tickets/tickets";

/**
 * Time booked on a ticket (F1–F3). Reading needs the read right on the ticket, booking the
 * write right; an agent changes and deletes only their own entries, an admin anyone's. The
 * rate's cents are copied at booking, so later rate changes do not rewrite old bills.
 * Colleagues with the ticket open hear of every change as `ticket.changed` (a hint without
 * a version bump: time does not change the ticket's fields).
 */

/** One entry at most a day's work; bigger efforts are booked per day. */
export const MAX_ENTRY_MINUTES = 24 * 60;
export const MAX_NOTE_LENGTH = 1000;

export interface TimeEntryInput {
  minutes: number;
  serviceType: ServiceType;
  billable: boolean;
  rateId: number | null;
  note: string;
  workedAt: Date;
}

export interface TimeEntryItem {
  id: number;
  entryId: number | null;
  workedAt: Date;
  userId: number;
  userName: string;
  minutes: number;
  serviceType: ServiceType;
  billable: boolean;
  rateId: number | null;
  rateName: string | null;
  centsPerHour: number | null;
  /** What the entry costs when billable; 0 when not billable or without a rate. */
  amountCents: number;
  note: string;
  /** The actor may edit and delete it. */
  mayEdit: boolean;
}

export interface TicketTimes {
  entries: TimeEntryItem[];
  totals: TimeTotals;
  /** The actor may book time here. */
  mayBook: boolean;
  /** New bookings default to the ticket's billable flag. */
  billableDefault: boolean;
}

type Ticket = TicketAccess & { id: number; billable: boolean };

async function loadTicket(db: DbOrTx, actor: Actor, ticketId: number): Promise<Ticket> {
  const [t] = await db.select({ id: tickets.id, billable: tickets.billable, ...ticketAccessColumns }).from(tickets).where(eq(tickets.id, ticketId));
  if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
  return t;
}

const mayEditEntry = (actor: Actor, t: Ticket, e: { userId: number }) =>
  canWriteTicket(actor, t) && (isAdmin(actor) || actor.kind === "system" || (actor.kind === "user" && e.userId === actor.userId));

/** The ticket's time entries, newest work first, with totals (read right on the ticket). */
export async function listTimeEntries(db: DbOrTx, actor: Actor, ticketId: number): Promise<TicketTimes> {
  const t = await loadTicket(db, actor, ticketId);
  const rows = await db
    .select({
      id: timeEntries.id, entryId: timeEntries.entryId, workedAt: timeEntries.workedAt, userId: timeEntries.userId, userName: users.name,
      minutes: timeEntries.minutes, serviceType: timeEntries.serviceType, billable: timeEntries.billable, rateId: timeEntries.rateId,
      rateName: hourlyRates.name, centsPerHour: timeEntries.centsPerHour, note: timeEntries.note,
    })
    .from(timeEntries)
    .innerJoin(users, eq(users.id, timeEntries.userId))
    .leftJoin(hourlyRates, eq(hourlyRates.id, timeEntries.rateId))
    .where(eq(timeEntries.ticketId, t.id))
    .orderBy(desc(timeEntries.workedAt), desc(timeEntries.id));
  const entries = rows.map((r) => ({
    ...r,
    amountCents: r.billable ? amountCents(r.minutes, r.centsPerHour) : 0,
    mayEdit: mayEditEntry(actor, t, r),
  }));
  return { entries, totals: timeTotals(entries), mayBook: canWriteTicket(actor, t), billableDefault: t.billable };
}

function checked(input: TimeEntryInput): TimeEntryInput {
  if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > MAX_ENTRY_MINUTES) {
    throw configFieldError("minutes", `Enter between 1 minute and ${MAX_ENTRY_MINUTES / 60} hours`);
  }
  if (input.workedAt.getTime() > Date.now() + 24 * 3600_000) throw configFieldError("workedAt", "The date lies in the future");
  return { ...input, note: input.note.trim().slice(0, MAX_NOTE_LENGTH) };
}

/**
 * The rate to copy: an active one for a new choice; an entry keeps its copied cents when its
 * rate stays the same (even if that rate was changed or deactivated since).
 */
async function rateCents(db: DbOrTx, rateId: number | null, keep?: TimeEntry): Promise<{ rateId: number | null; centsPerHour: number | null }> {
  if (rateId === null) return { rateId: null, centsPerHour: null };
  if (keep && keep.rateId === rateId) return { rateId, centsPerHour: keep.centsPerHour };
  const [rate] = await db.select().from(hourlyRates).where(and(eq(hourlyRates.id, rateId), eq(hourlyRates.active, true)));
  if (!rate) throw configFieldError("rateId", "Choose one of the offered rates");
  return { rateId, centsPerHour: rate.centsPerHour };
}

async function touched(db: DbOrTx, ticketId: number): Promise<DomainEvent[]> {
  const event = await ticketTouchedEvent(db, ticketId);
  return event ? [event] : [];
}

/** Books time on a ticket for the actor (write right on the ticket). */
export async function addTimeEntry(
  db: DbOrTx,
  actor: Actor,
  input: TimeEntryInput & { ticketId: number },
): Promise<{ id: number; events: DomainEvent[] }> {
  if (actor.kind !== "user") throw invalid("Only users book time");
  const t = await loadTicket(db, actor, input.ticketId);
  assertCanWriteTicket(actor, t);
  const values = checked(input);
  const [row] = await db
    .insert(timeEntries)
    .values({
      ticketId: t.id, userId: actor.userId, minutes: values.minutes, serviceType: values.serviceType, billable: values.billable,
      note: values.note, workedAt: values.workedAt, ...(await rateCents(db, values.rateId)),
    })
    .returning({ id: timeEntries.id });
  return { id: row.id, events: await touched(db, t.id) };
}

async function loadOwnEntry(db: DbOrTx, actor: Actor, id: number): Promise<{ entry: TimeEntry; ticket: Ticket }> {
  const [entry] = await db.select().from(timeEntries).where(eq(timeEntries.id, id));
  if (!entry) throw notFound("Time entry");
  const ticket = await loadTicket(db, actor, entry.ticketId).catch(() => {
    throw notFound("Time entry");
  });
  assertCanWriteTicket(actor, ticket);
  if (!mayEditEntry(actor, ticket, entry)) throw forbidden("You may only change your own time entries");
  return { entry, ticket };
}

/** Changes an entry: one's own, or anyone's for an admin. */
export async function updateTimeEntry(db: DbOrTx, actor: Actor, input: TimeEntryInput & { id: number }): Promise<{ id: number; events: DomainEvent[] }> {
  const { entry, ticket } = await loadOwnEntry(db, actor, input.id);
  const values = checked(input);
  await db
    .update(timeEntries)
    .set({
      minutes: values.minutes, serviceType: values.serviceType, billable: values.billable, note: values.note, workedAt: values.workedAt,
      ...(await rateCents(db, values.rateId, entry)),
    })
    .where(eq(timeEntries.id, entry.id));
  return { id: entry.id, events: await touched(db, ticket.id) };
}

/** Deletes an entry: one's own, or anyone's for an admin. */
export async function deleteTimeEntry(db: DbOrTx, actor: Actor, id: number): Promise<{ id: number; events: DomainEvent[] }> {
  const { entry, ticket } = await loadOwnEntry(db, actor, id);
  await db.delete(timeEntries).where(eq(timeEntries.id, entry.id));
  return { id: entry.id, events: await touched(db, ticket.id) };
}

/** Staff users, for choosing an agent in the times filter (names are no secret among staff). */
export async function staffNames(db: DbOrTx): Promise<{ id: number; name: string }[]> {
  return db.select({ id: users.id, name: users.name }).from(users).orderBy(asc(users.name));
}
