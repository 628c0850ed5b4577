import { boolean, integer, pgEnum, pgTable, serial, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

export const quotingMode = pgEnum("quoting_mode", ["none", "last", "last3", "all"]);

export const queues = pgTable("queues", {
  id: serial("id").primaryKey(),
  /** The English name (and the default); `nameDe` is shown to German users when set (B1). */
  name: text("name").notNull().unique(),
  nameDe: text("name_de"),
  position: integer("position").notNull().default(0),
  /** A heading queues are grouped under in lists and pickers (B1). */
  groupName: text("group_name"),
  /** Shown as a hover hint wherever the queue is chosen. */
  description: text("description"),
  /** Customers of the same organisation see each other's tickets of this queue (B1, K1). */
  customersSeeEachOther: boolean("customers_see_each_other").notNull().default(false),
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
  /** An agent's first reply on an unowned ticket makes them its owner. */
  ownerOnFirstReply: boolean("owner_on_first_reply").notNull().default(true),
  /**
   * A customer's answer to a pending or solved ticket reopens it when that status was set at
   * most this many days ago; later answers open a follow-up ticket linked to the old one.
   */
  reopenWithinDays: integer("reopen_within_days").notNull().default(14),
});

/** Status groups with a colour (B3); a status belongs to at most one. */
export const statusGroups = pgTable("status_groups", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  nameDe: text("name_de"),
  position: integer("position").notNull().default(0),
  /** A CSS colour as #rrggbb. */
  colour: text("colour").notNull().default("#64748b"),
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
  nameDe: text("name_de"),
  category: statusCategory("category").notNull(),
  progress: integer("progress").notNull().default(0),
  position: integer("position").notNull().default(0),
  builtIn: boolean("built_in").notNull().default(false),
  groupId: integer("group_id").references(() => statusGroups.id, { onDelete: "set null" }),
  /** A7: roles this status is hidden from (not offered, not settable); admins always see it. */
  hiddenForRoles: text("hidden_for_roles").array().$type<("agent" | "backoffice")[]>().notNull().default(sql`'{}'::text[]`),
});

/**
 * The short configurable lists of B4, B5, B8 and B9, one table for all: ticket roles, topics,
 * brands, categories, severities, sources and service contracts. Each has English and German
 * names, a position and optionally a colour; tickets refer to them by id (issue 7).
 */
export const fieldOptionKind = pgEnum("field_option_kind", [
  "ticketRole", "topic", "brand", "category", "severity", "source", "serviceContract",
]);
export type FieldOptionKind = (typeof fieldOptionKind.enumValues)[number];

export const fieldOptions = pgTable(
  "field_options",
  {
    id: serial("id").primaryKey(),
    kind: fieldOptionKind("kind").notNull(),
    name: text("name").notNull(),
    nameDe: text("name_de"),
    position: integer("position").notNull().default(0),
    colour: text("colour"),
    active: boolean("active").notNull().default(true),
  },
  (t) => [uniqueIndex("field_options_kind_name_idx").on(t.kind, t.name)],
);

export type Queue = typeof queues.$inferSelect;
export type Status = typeof statuses.$inferSelect;
export type StatusGroup = typeof statusGroups.$inferSelect;
export type FieldOption = typeof fieldOptions.$inferSelect;
