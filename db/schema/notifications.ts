import { boolean, index, integer, pgEnum, pgTable, primaryKey, serial, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { ticketEntries, tickets } from "./tickets";
import { users } from "./users";
import { reminders } from "./reminders";

/**
 * Who watches a ticket (C12): told about every new entry. The creator and the owner are added
 * automatically; anyone may add or remove themselves. Groups (issue 6) get a table of their
 * own beside this one; `watcherUserIds` in server/domain/tickets/watchers.ts joins both.
 */
export const ticketWatchers = pgTable(
  "ticket_watchers",
  {
    ticketId: integer("ticket_id").notNull().references(() => tickets.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.userId] }), index("ticket_watchers_user_idx").on(t.userId)],
);

export const notificationKind = pgEnum("notification_kind", ["entry", "assigned", "mention", "lock_taken_over", "alarm"]);
export type NotificationKind = (typeof notificationKind.enumValues)[number];

/** In-app notifications (E4): what happened, on which ticket, by whom. Never an entry's text. */
export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    ticketId: integer("ticket_id").notNull().references(() => tickets.id, { onDelete: "cascade" }),
    entryId: integer("entry_id").references(() => ticketEntries.id, { onDelete: "cascade" }),
    /** An alarm's reminder (C11), whose note it shows. */
    reminderId: integer("reminder_id").references(() => reminders.id, { onDelete: "set null" }),
    /** The user who caused it; null for customers and the system. */
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.id),
    index("notifications_user_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    index("notifications_ticket_idx").on(t.ticketId),
  ],
);

/**
 * Per user and kind: whether it is also mailed. Every notification is shown in the app; a
 * missing row means the default (see NOTIFICATION_MAIL_DEFAULTS).
 */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    mail: boolean("mail").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

export type Notification = typeof notifications.$inferSelect;
