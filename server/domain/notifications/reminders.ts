import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../../db/client";
import { reminders, tickets, users } from "../../../db/schema";
import type { Actor, UserActor } from "../actor";
import { configFieldError } from "../config/shared";
import { forbidden, invalid, notFound } from "../errors";
import type { Deps, DomainEvent } from "../events";
import { deliverNotified, notifyAlarmDue, type Notified } from "./notifications";
import { canReadTicket, loadUserActor, ticketAccessColumns, type TicketAccess } from "../permissions";
import { ticketTouchedEvent } from "../tickets/tickets";

/**
 * Reminders on a ticket (C11): for oneself or a colleague who may read the ticket, at a time,
 * with a note, in the app and optionally by mail. A pg-boss job (`reminder.fire`, started
 * after `dueAt`) fires it; a sweep every minute fires those whose job was lost, so a
 * reminder survives restarts. Firing sets `fired_at` only while it is null, in the same
 * transaction as the notification: two workers or a retried job fire it exactly once.
 */

export const MAX_REMINDER_NOTE = 500;
/** A job may run a little before its time (clocks, polling); it still counts as due. */
const EARLY_TOLERANCE = sql`interval '5 seconds'`;

export interface ReminderItem {
  id: number;
  dueAt: Date;
  note: string;
  byMail: boolean;
  userId: number;
  userName: string;
  createdById: number;
  createdByName: string;
  /** Creator or recipient: may cancel it. */
  mayCancel: boolean;
}

async function loadTicket(db: DbOrTx, actor: Actor, ticketId: number): Promise<TicketAccess & { id: number }> {
  const [t] = await db.select({ id: tickets.id, ...ticketAccessColumns }).from(tickets).where(eq(tickets.id, ticketId));
  if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
  return t;
}

function asUser(actor: Actor): UserActor {
  if (actor.kind !== "user") throw invalid("Only users set reminders");
  return actor;
}

const creators = alias(users, "reminder_creators");

/** The ticket's pending reminders, soonest first (read right on the ticket). */
export async function listReminders(db: DbOrTx, actor: Actor, ticketId: number): Promise<ReminderItem[]> {
  const t = await loadTicket(db, actor, ticketId);
  const rows = await db
    .select({
      id: reminders.id, dueAt: reminders.dueAt, note: reminders.note, byMail: reminders.byMail,
      userId: reminders.userId, userName: users.name, createdById: reminders.createdById, createdByName: creators.name,
    })
    .from(reminders)
    .innerJoin(users, eq(users.id, reminders.userId))
    .innerJoin(creators, eq(creators.id, reminders.createdById))
    .where(and(eq(reminders.ticketId, t.id), isNull(reminders.firedAt)))
    .orderBy(asc(reminders.dueAt), asc(reminders.id));
  const me = actor.kind === "user" ? actor.userId : null;
  return rows.map((r) => ({ ...r, mayCancel: r.userId === me || r.createdById === me }));
}

/** Active staff users who may read the ticket: whom a reminder can be for. */
export async function reminderRecipients(db: DbOrTx, actor: Actor, ticketId: number): Promise<{ id: number; name: string }[]> {
  const t = await loadTicket(db, actor, ticketId);
  const staff = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name));
  const out: { id: number; name: string }[] = [];
  for (const u of staff) {
    const a = await loadUserActor(db, u.id);
    if (a && canReadTicket(a, t)) out.push(u);
  }
  return out;
}

async function touched(db: DbOrTx, ticketId: number): Promise<DomainEvent[]> {
  const event = await ticketTouchedEvent(db, ticketId);
  return event ? [event] : [];
}

/**
 * Sets a reminder for the actor or a colleague who may read the ticket, and schedules its
 * job. Should the job be lost (enqueue failed, queue wiped), the sweep still fires it.
 */
export async function createReminder(
  deps: Deps,
  actor: Actor,
  input: { ticketId: number; userId: number; dueAt: Date; note: string; byMail: boolean },
): Promise<{ id: number }> {
  const me = asUser(actor);
  const t = await loadTicket(deps.db, me, input.ticketId);
  if (input.dueAt.getTime() < Date.now() - 60_000) throw configFieldError("dueAt", "Choose a time in the future");
  const recipient = input.userId === me.userId ? me : await loadUserActor(deps.db, input.userId);
  if (!recipient || !canReadTicket(recipient, t)) throw configFieldError("userId", "This colleague may not read the ticket");
  const note = input.note.trim();
  if (note.length > MAX_REMINDER_NOTE) throw configFieldError("note", `At most ${MAX_REMINDER_NOTE} characters`);
  const [row] = await deps.db
    .insert(reminders)
    .values({ ticketId: t.id, createdById: me.userId, userId: recipient.userId, dueAt: input.dueAt, note, byMail: input.byMail })
    .returning({ id: reminders.id });
  deps.publish(await touched(deps.db, t.id));
  try {
    await deps.jobs.enqueue("reminder.fire", { reminderId: row.id }, { startAfter: input.dueAt });
  } catch (err) {
    console.error(`[reminders] could not schedule reminder ${row.id}, the sweep will fire it: ${(err as Error).message}`);
  }
  return { id: row.id };
}

/** Cancels a pending reminder: its creator or recipient, while they may read the ticket. */
export async function cancelReminder(deps: Deps, actor: Actor, reminderId: number): Promise<{ id: number }> {
  const me = asUser(actor);
  const [r] = await deps.db.select().from(reminders).where(eq(reminders.id, reminderId));
  if (!r) throw notFound("Reminder");
  await loadTicket(deps.db, me, r.ticketId).catch(() => {
    throw notFound("Reminder");
  });
  if (r.userId !== me.userId && r.createdById !== me.userId) throw forbidden("Only its creator or recipient may cancel a reminder");
  // Only a pending one: one that fired meanwhile stays, with its notification.
  const gone = await deps.db
    .delete(reminders)
    .where(and(eq(reminders.id, r.id), isNull(reminders.firedAt)))
    .returning({ id: reminders.id });
  if (gone.length === 0) throw notFound("Reminder");
  deps.publish(await touched(deps.db, r.ticketId));
  return { id: r.id };
}

/**
 * Fires one reminder if it is due and has not fired: `fired_at` and the alarm notification
 * (and its outbox mail) commit together. A concurrent second call waits for the first's row
 * lock, then finds `fired_at` set and does nothing. Returns whether this call fired it.
 */
export async function fireReminder(deps: Deps, reminderId: number): Promise<boolean> {
  const result = await deps.db.transaction(async (tx) => {
    const [r] = await tx
      .update(reminders)
      .set({ firedAt: sql`now()` })
      .where(and(eq(reminders.id, reminderId), isNull(reminders.firedAt), lte(reminders.dueAt, sql`now() + ${EARLY_TOLERANCE}`)))
      .returning();
    if (!r) return null;
    const notified: Notified = await notifyAlarmDue(
      { tx, fallbackFrom: deps.fallbackFrom, appUrl: deps.appUrl },
      { ticketId: r.ticketId, userId: r.userId, reminderId: r.id, createdById: r.createdById, note: r.note, byMail: r.byMail },
    );
    return { ticketId: r.ticketId, notified };
  });
  if (!result) return false;
  await deliverNotified(deps, result.notified);
  deps.publish(await touched(deps.db, result.ticketId)); // the ticket's pending list loses it
  return true;
}

/** The sweep: fires every overdue reminder still pending (their jobs were lost). Returns how many fired. */
export async function fireDueReminders(deps: Deps, limit = 500): Promise<number> {
  const due = await deps.db
    .select({ id: reminders.id })
    .from(reminders)
    .where(and(isNull(reminders.firedAt), lte(reminders.dueAt, sql`now()`)))
    .orderBy(asc(reminders.dueAt))
    .limit(limit);
  let fired = 0;
  for (const { id } of due) if (await fireReminder(deps, id)) fired++;
  return fired;
}
