import { boolean, integer, pgEnum, pgTable, serial, text } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

export const quotingMode = pgEnum("quoting_mode", ["none", "last", "last3", "all"]);

export const queues = pgTable("queues", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  position: integer("position").notNull().default(0),
  /** The mail account replies in this queue are sent from (else the first active one). */
  senderAccountId: integer("sender_account_id"),
  /** Sent once to the customer when a mail opens a new ticket in this queue. */
  autoresponderEnabled: boolean("autoresponder_enabled").notNull().default(false),
  autoresponderText: text("autoresponder_text"),
  /** How much of the conversation a reply quotes. */
  quoting: quotingMode("quoting").notNull().default("last"),
  /** Addresses told about every new ticket in this queue. */
  notifyEmails: text("notify_emails").array().notNull().default(sql`'{}'::text[]`),
  /** System greeting for replies from this queue ("Kind regards"); a user's own greeting wins. */
  greeting: text("greeting"),
  /** System signature for replies from this queue; a user's own signature wins. */
  signature: text("signature"),
});

export const statusCategory = pgEnum("status_category", ["new", "open", "pending", "solved", "closed"]);
export type StatusCategory = (typeof statusCategory.enumValues)[number];

/** A status belongs to one queue; its category drives filters, its progress the progress bar. */
export const statuses = pgTable("statuses", {
  id: serial("id").primaryKey(),
  queueId: integer("queue_id")
    .notNull()
    .references(() => queues.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  category: statusCategory("category").notNull(),
  progress: integer("progress").notNull().default(0),
  position: integer("position").notNull().default(0),
  builtIn: boolean("built_in").notNull().default(false),
});

export type Queue = typeof queues.$inferSelect;
export type Status = typeof statuses.$inferSelect;
