import { and, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../../db/client";
import {
  contacts, notificationPreferences, notifications, outbox, queues, reminders, ticketEntries, tickets, users,
  type EntryKind, type NotificationKind,
} from "../../../db/schema";
import { findMentions } from "../../../lib/mentions";
import type { Actor, UserActor } from "../actor";
import type { Deps, DomainEvent } from "../events";
import { notFound } from "../errors";
import { mayAutoMail } from "../mail/auto-mail";
import { newMessageId, senderFor } from "../mail/compose";
import { canReadTicket, loadUserActor, readableTicketsWhere, ticketAccessColumns } from "../permissions";
import { addWatchers, watcherUserIds } from "../tickets/watchers";

/**
 * In-app notifications (E4) and their mails. A notification is written in the transaction
 * of what caused it; the caller publishes the returned events and enqueues the mails after
 * commit. Nobody is notified about a ticket they may not read, nor about their own doing.
 * Neither the socket event nor the mail carries an entry's text.
 */

export const notificationKinds = ["entry", "assigned", "mention", "lock_taken_over", "alarm"] as const satisfies readonly NotificationKind[];

/** Every notification is shown in the app; these kinds are also mailed unless the user says otherwise. */
export const NOTIFICATION_MAIL_DEFAULTS: Record<NotificationKind, boolean> = {
  entry: false,
  assigned: true,
  mention: true,
  lock_taken_over: false,
  alarm: false,
};

/** What notifying produced: events to publish and outbox mails to enqueue, both after commit. */
export interface Notified {
  events: DomainEvent[];
  outboxIds: number[];
}

/** Inside a caller's transaction: pass `{ ...deps, tx }`, then `deliverNotified(deps, result)` after commit. */
export type InTx = Pick<Deps, "fallbackFrom" | "appUrl"> & { tx: DbOrTx };
/** `deps` (own transaction, published at once) or `{ ...deps, tx }` (the caller's transaction). */
export type NotifyVia = Deps | InTx;

const none = (): Notified => ({ events: [], outboxIds: [] });

/** Publishes the events and enqueues the mails of notifications whose transaction committed. */
export async function deliverNotified(deps: Deps, n: Notified): Promise<void> {
  if (n.events.length) deps.publish(n.events);
  for (const outboxId of n.outboxIds) await deps.jobs.enqueue("outbox.deliver", { outboxId });
}

async function run(via: NotifyVia, work: (tx: DbOrTx, ctx: MailContext) => Promise<Notified>): Promise<Notified> {
  const ctx = { fallbackFrom: via.fallbackFrom, appUrl: via.appUrl };
  if ("tx" in via) return work(via.tx, ctx);
  const n = await via.db.transaction((tx) => work(tx, ctx));
  await deliverNotified(via, n);
  return n;
}

interface MailContext {
  fallbackFrom: string;
  appUrl?: string;
}

interface Draft {
  userId: number;
  kind: NotificationKind;
  entryId?: number | null;
  actorUserId?: number | null;
  /** An alarm's reminder, and its note, named in its mail. */
  reminderId?: number;
  note?: string;
  /** Mailed whatever the user's preference says (a reminder set "also by e-mail"). */
  mail?: boolean;
}


/** Unread notifications of the user about tickets they may (still) read. */
export async function unreadCount(db: DbOrTx, actor: Actor): Promise<number> {
  if (actor.kind !== "user") return 0;
  // Notifications about tickets the user may no longer read are neither counted nor shown.
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .innerJoin(tickets, eq(tickets.id, notifications.ticketId))
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt), readableTicketsWhere(actor)));
  return row.n;
}

/**
 * Writes notifications (the first draft per user wins), checks each recipient is an active
 * staff user who may read the ticket, mails those who asked for this kind by mail, and
 * returns one live event per recipient.
 */
async function createNotifications(tx: DbOrTx, ctx: MailContext, ticketId: number, drafts: Draft[]): Promise<Notified> {
  if (drafts.length === 0) return none();
  const [ticket] = await tx
    .select({ id: tickets.id, number: tickets.number, title: tickets.title, ...ticketAccessColumns })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  if (!ticket) return none();
  const people = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, [...new Set(drafts.flatMap((d) => [d.userId, d.actorUserId ?? d.userId]))]));
  const byId = new Map(people.map((p) => [p.id, p]));
  // Each recipient as they are now: disabled users and those who may not read the ticket get nothing.
  const readers = new Map<number, UserActor>();
  for (const d of new Set(drafts.map((d) => d.userId))) {
    const actor = await loadUserActor(tx, d);
    if (actor && canReadTicket(actor, ticket)) readers.set(d, actor);
  }
  const seen = new Set<number>();
  const allowed = drafts.filter((d) => {
    if (!byId.has(d.userId) || !readers.has(d.userId) || seen.has(d.userId) || d.userId === d.actorUserId) return false;
    seen.add(d.userId);
    return true;
  });
  if (allowed.length === 0) return none();
  const rows = await tx
    .insert(notifications)
    .values(allowed.map((d) => ({ userId: d.userId, kind: d.kind, ticketId, entryId: d.entryId ?? null, actorUserId: d.actorUserId ?? null, reminderId: d.reminderId ?? null })))
    .returning({ id: notifications.id, userId: notifications.userId, kind: notifications.kind, entryId: notifications.entryId, actorUserId: notifications.actorUserId });

  const prefs = await mailPreferences(tx, rows.map((r) => r.userId));
  const outboxIds: number[] = [];
  const entryKinds = await entryKindsOf(tx, rows.map((r) => r.entryId).filter((id): id is number => id !== null));
  let sender: Awaited<ReturnType<typeof senderFor>> | null = null;
  for (const r of rows) {
    const p = byId.get(r.userId)!;
    const draft = allowed.find((d) => d.userId === r.userId)!;
    if (!prefs.get(r.userId)?.[r.kind] && !draft.mail) continue;
    if (!(await mayAutoMail(tx, ticketId, p.email, { perTicket: false }))) continue;
    const who = r.actorUserId ? byId.get(r.actorUserId)?.name ?? null : (r.entryId ? entryKinds.get(r.entryId)?.from ?? null : null);
    const mail = notificationMail(ctx, ticket, { kind: r.kind, entryKind: r.entryId ? entryKinds.get(r.entryId)?.kind ?? null : null, who, note: draft.note });
    if (!sender) {
      const [queue] = await tx.select().from(queues).where(eq(queues.id, ticket.queueId));
      sender = await senderFor(tx, queue, ctx.fallbackFrom);
    }
    const [o] = await tx
      .insert(outbox)
      .values({
        kind: "notification", ticketId, ...sender, toEmails: [p.email], subject: mail.subject, bodyText: mail.bodyText,
        messageId: newMessageId(sender.fromEmail),
      })
      .returning({ id: outbox.id });
    outboxIds.push(o.id);
  }

  const events: DomainEvent[] = [];
  for (const r of rows) {
    events.push({
      type: "notification.created", userId: r.userId, notificationId: r.id, ticketId,
      unreadCount: await unreadCount(tx, readers.get(r.userId)!),
    });
  }
  return { events, outboxIds };
}

async function entryKindsOf(tx: DbOrTx, entryIds: number[]) {
  if (entryIds.length === 0) return new Map<number, { kind: EntryKind; from: string | null }>();
  const rows = await tx
    .select({ id: ticketEntries.id, kind: ticketEntries.kind, from: sql<string | null>`coalesce(${contacts.name}, ${ticketEntries.fromEmail})` })
    .from(ticketEntries)
    .leftJoin(contacts, eq(contacts.id, ticketEntries.authorContactId))
    .where(inArray(ticketEntries.id, entryIds));
  return new Map(rows.map((r) => [r.id, { kind: r.kind, from: r.from }]));
}

/** One line saying who did what, for mail subjects and bodies (English: mails have no user language yet). */
export function notificationSummary(n: { kind: NotificationKind; entryKind: EntryKind | null; who: string | null; note?: string }): string {
  const who = n.who ?? "Someone";
  switch (n.kind) {
    case "entry":
      if (n.entryKind === "customer_mail") return `New mail from ${n.who ?? "the customer"}`;
      if (n.entryKind === "internal_comment") return `${who} added an internal comment`;
      return `${who} replied to the customer`;
    case "assigned":
      return n.who ? `${n.who} assigned the ticket to you` : "The ticket was assigned to you";
    case "mention":
      return `${who} mentioned you`;
    case "lock_taken_over":
      return `${who} took over the ticket you were editing`;
    case "alarm": {
      const what = n.note ? `: ${n.note.replace(/\s+/g, " ").slice(0, 200)}` : " is due";
      return n.who ? `Reminder from ${n.who}${what}` : `Your reminder${what}`;
    }
  }
}

/** Short on purpose: ticket number, title, who did what, a link. Never an entry's text. */
export function notificationMail(
  ctx: MailContext,
  ticket: { id: number; number: number; title: string },
  n: { kind: NotificationKind; entryKind: EntryKind | null; who: string | null; note?: string },
) {
  const base = (ctx.appUrl ?? "http://localhost:3000").replace(/\/+$/, "");
  const summary = notificationSummary(n);
  return {
    subject: `${summary}: #${ticket.number} ${ticket.title}`.slice(0, 300),
    bodyText: [
      `${summary}.`,
      "",
      `Ticket #${ticket.number}: ${ticket.title}`,
      `${base}/tickets/${ticket.id}`,
      "",
      `You get this mail because of your notification settings: ${base}/profile`,
    ].join("\n"),
  };
}

// ---- What causes notifications -------------------------------------------------------------

/**
 * A new entry: watchers hear of it, people mentioned in an agent's text (`@Name`, `@address`)
 * get a mention instead. The author is never told of their own entry; a customer mail sent
 * from a user's own address counts as theirs (so an out-of-office reply cannot loop).
 */
export async function notifyNewEntry(
  via: NotifyVia,
  input: { ticketId: number; entryId: number; kind: EntryKind; authorUserId: number | null; fromEmail?: string | null; text?: string | null },
): Promise<Notified> {
  if (input.kind === "system_event") return none();
  return run(via, async (tx, ctx) => {
    let author = input.authorUserId;
    if (author === null && input.fromEmail) {
      const [u] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${input.fromEmail})`);
      author = u?.id ?? null;
    }
    let mentioned: number[] = [];
    if (author !== null && input.kind !== "customer_mail" && input.text?.includes("@")) {
      const staff = await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.active, true));
      mentioned = findMentions(input.text, staff).filter((id) => id !== author);
    }
    const watchers = (await watcherUserIds(tx, input.ticketId)).filter((id) => id !== author);
    const drafts: Draft[] = [
      ...mentioned.map((userId) => ({ userId, kind: "mention" as const, entryId: input.entryId, actorUserId: author })),
      ...watchers.map((userId) => ({ userId, kind: "entry" as const, entryId: input.entryId, actorUserId: author })),
    ];
    return createNotifications(tx, ctx, input.ticketId, drafts);
  });
}

/**
 * The place where a ticket's owner is set (now: on creation; issue 7: every owner change).
 * The owner becomes a watcher and, unless they did it themselves, is told.
 */
export async function notifyOwnerSet(
  via: NotifyVia,
  input: { ticketId: number; ownerUserId: number; byUserId: number | null },
): Promise<Notified> {
  return run(via, async (tx, ctx) => {
    await addWatchers(tx, input.ticketId, [input.ownerUserId]);
    if (input.ownerUserId === input.byUserId) return none();
    return createNotifications(tx, ctx, input.ticketId, [{ userId: input.ownerUserId, kind: "assigned", actorUserId: input.byUserId }]);
  });
}

/** Someone took over the editor lock another user held (E1): the former holder is told. */
export async function notifyLockTakenOver(
  via: NotifyVia,
  input: { ticketId: number; formerHolderUserId: number; byUserId: number },
): Promise<Notified> {
  return run(via, (tx, ctx) =>
    createNotifications(tx, ctx, input.ticketId, [{ userId: input.formerHolderUserId, kind: "lock_taken_over", actorUserId: input.byUserId }]),
  );
}

/**
 * A user's reminder (alarm) on a ticket is due (C11). A colleague who set it is named as the
 * actor; `byMail` mails it whatever the user's preference for alarms says.
 */
export async function notifyAlarmDue(
  via: NotifyVia,
  input: { ticketId: number; userId: number; reminderId?: number; createdById?: number; note?: string; byMail?: boolean },
): Promise<Notified> {
  const actorUserId = input.createdById && input.createdById !== input.userId ? input.createdById : null;
  return run(via, (tx, ctx) =>
    createNotifications(tx, ctx, input.ticketId, [
      { userId: input.userId, kind: "alarm", actorUserId, reminderId: input.reminderId, note: input.note, mail: input.byMail },
    ]),
  );
}

// ---- Reading and marking -------------------------------------------------------------------

export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  ticketId: number;
  ticketNumber: number;
  ticketTitle: string;
  entryKind: EntryKind | null;
  /** A colleague's name, the customer's name or address, or null (system). */
  actorName: string | null;
  /** An alarm's reminder note (C11); null for other kinds. */
  reminderNote: string | null;
  createdAt: Date;
  readAt: Date | null;
}

const actorUsers = alias(users, "actor_users");

/** The user's own notifications about tickets they may read, newest first, by id cursor. */
export async function listNotifications(
  db: DbOrTx,
  actor: Actor,
  input: { cursor?: number | null; limit: number; unreadOnly?: boolean },
): Promise<{ items: NotificationItem[]; nextCursor: number | null }> {
  if (actor.kind !== "user") return { items: [], nextCursor: null };
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      ticketId: notifications.ticketId,
      ticketNumber: tickets.number,
      ticketTitle: tickets.title,
      entryKind: ticketEntries.kind,
      actorName: sql<string | null>`coalesce(${actorUsers.name}, ${contacts.name}, ${ticketEntries.fromEmail})`,
      reminderNote: reminders.note,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .innerJoin(tickets, eq(tickets.id, notifications.ticketId))
    .leftJoin(actorUsers, eq(actorUsers.id, notifications.actorUserId))
    .leftJoin(ticketEntries, eq(ticketEntries.id, notifications.entryId))
    .leftJoin(contacts, eq(contacts.id, ticketEntries.authorContactId))
    .leftJoin(reminders, eq(reminders.id, notifications.reminderId))
    .where(
      and(
        eq(notifications.userId, actor.userId),
        readableTicketsWhere(actor),
        input.cursor ? lt(notifications.id, input.cursor) : undefined,
        input.unreadOnly ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1].id : null };
}

async function publishRead(deps: Deps, actor: UserActor) {
  deps.publish([{ type: "notification.read", userId: actor.userId, unreadCount: await unreadCount(deps.db, actor) }]);
}

/** Marks one of the actor's own notifications read; someone else's is "not found". */
export async function markNotificationRead(deps: Deps, actor: Actor, notificationId: number): Promise<{ unreadCount: number }> {
  if (actor.kind !== "user") throw notFound("Notification");
  const [row] = await deps.db
    .select({ id: notifications.id, readAt: notifications.readAt })
    .from(notifications)
    .innerJoin(tickets, eq(tickets.id, notifications.ticketId))
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, actor.userId), readableTicketsWhere(actor)));
  if (!row) throw notFound("Notification");
  if (!row.readAt) {
    await deps.db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.id, row.id), isNull(notifications.readAt)));
    await publishRead(deps, actor);
  }
  return { unreadCount: await unreadCount(deps.db, actor) };
}

/** Marks all of the actor's notifications read. */
export async function markAllNotificationsRead(deps: Deps, actor: Actor): Promise<{ unreadCount: number }> {
  if (actor.kind !== "user") return { unreadCount: 0 };
  const changed = await deps.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (changed.length) await publishRead(deps, actor);
  return { unreadCount: await unreadCount(deps.db, actor) };
}

// ---- Preferences ---------------------------------------------------------------------------

export type MailPreferences = Record<NotificationKind, boolean>;

async function mailPreferences(db: DbOrTx, userIds: number[]): Promise<Map<number, MailPreferences>> {
  const result = new Map<number, MailPreferences>(userIds.map((id) => [id, { ...NOTIFICATION_MAIL_DEFAULTS }]));
  if (userIds.length === 0) return result;
  const rows = await db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, userIds));
  for (const r of rows) {
    const prefs = result.get(r.userId);
    if (prefs) prefs[r.kind] = r.mail;
  }
  return result;
}

/** Which kinds the actor also gets by mail. */
export async function readMailPreferences(db: DbOrTx, actor: Actor): Promise<MailPreferences> {
  if (actor.kind !== "user") return { ...NOTIFICATION_MAIL_DEFAULTS };
  return (await mailPreferences(db, [actor.userId])).get(actor.userId)!;
}

export async function updateMailPreferences(db: DbOrTx, actor: Actor, input: Partial<MailPreferences>): Promise<MailPreferences> {
  if (actor.kind !== "user") throw notFound("User");
  const values = notificationKinds
    .filter((kind) => input[kind] !== undefined)
    .map((kind) => ({ userId: actor.userId, kind, mail: input[kind]! }));
  if (values.length) {
    await db
      .insert(notificationPreferences)
      .values(values)
      .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { mail: sql`excluded.mail` } });
  }
  return readMailPreferences(db, actor);
}
