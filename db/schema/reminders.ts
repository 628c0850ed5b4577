import { boolean, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./users";
import { tickets } from "./tickets";

/**
 * C11: a reminder on a ticket for oneself or a colleague. A pg-boss job fires it at `dueAt`;
 * `firedAt` is set in the same transaction as the notification, so it fires exactly once.
 */
export const reminders = pgTable(
  "reminders",
  {
    id: serial("id").primaryKey(),
    ticketId: integer("ticket_id").notNull().references(() => tickets.id, { onDelete: "cascade" }),
    createdById: integer("created_by_id").notNull().references(() => users.id),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    note: text("note").notNull().default(""),
    byMail: boolean("by_mail").notNull().default(false),
    firedAt: timestamp("fired_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("reminders_ticket_idx").on(t.ticketId),
    index("reminders_due_idx").on(t.dueAt).where(sql`${t.firedAt} is null`),
  ],
);

export type Reminder = typeof reminders.$inferSelect;
