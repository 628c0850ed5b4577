import { boolean, integer, pgEnum, pgTable, serial, text } from "drizzle-orm/pg-core";

export const queues = pgTable("queues", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  position: integer("position").notNull().default(0),
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
