import { boolean, index, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { serviceTypes, type ServiceType } from "../../lib/service-types";
import { users } from "./users";
import { ticketEntries, tickets } from "./tickets";

/** F3: named hourly rates, in cents so sums stay exact. */
export const hourlyRates = pgTable(
  "hourly_rates",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    centsPerHour: integer("cents_per_hour").notNull(),
    position: integer("position").notNull().default(0),
    active: boolean("active").notNull().default(true),
  },
  (t) => [uniqueIndex("hourly_rates_name_idx").on(sql`lower(${t.name})`)],
);

/** F2: what the time was spent on. */
export const serviceType = pgEnum("service_type", serviceTypes);
export type { ServiceType };

/**
 * F1–F3: time spent on a ticket. Saving a message or comment with the editor timer's
 * minutes creates one (with `entryId`); agents may also book time on the "Times" tab.
 */
export const timeEntries = pgTable(
  "time_entries",
  {
    id: serial("id").primaryKey(),
    ticketId: integer("ticket_id").notNull().references(() => tickets.id, { onDelete: "cascade" }),
    entryId: integer("entry_id").references(() => ticketEntries.id, { onDelete: "set null" }),
    userId: integer("user_id").notNull().references(() => users.id),
    minutes: integer("minutes").notNull(),
    billable: boolean("billable").notNull().default(true),
    serviceType: serviceType("service_type").notNull().default("ticket"),
    /** The rate is copied at booking time, so a later rate change does not rewrite old bills. */
    rateId: integer("rate_id").references(() => hourlyRates.id, { onDelete: "set null" }),
    centsPerHour: integer("cents_per_hour"),
    note: text("note").notNull().default(""),
    workedAt: timestamp("worked_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("time_entries_ticket_idx").on(t.ticketId), index("time_entries_worked_idx").on(t.workedAt)],
);

export type HourlyRate = typeof hourlyRates.$inferSelect;
export type TimeEntry = typeof timeEntries.$inferSelect;
