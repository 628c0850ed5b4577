import { integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { tickets } from "./tickets";
import { users } from "./users";

export const lockKind = pgEnum("lock_kind", ["reply", "comment", "edit"]);
export type LockKind = (typeof lockKind.enumValues)[number];

/** One lock per ticket, taken with a single upsert; the gateway only relays it. */
export const ticketLocks = pgTable("ticket_locks", {
  ticketId: integer("ticket_id")
    .primaryKey()
    .references(() => tickets.id, { onDelete: "cascade" }),
  userId: integer("user_id").notNull().references(() => users.id),
  kind: lockKind("kind").notNull(),
  /** The socket that holds it, so a disconnect releases exactly its locks. */
  socketId: text("socket_id"),
  since: timestamp("since", { withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
  /**
   * The holder's editor timer (F1, shown live to colleagues, E5): milliseconds counted before
   * the current run, and when that run started (null while paused). Dies with the lock.
   */
  timerMs: integer("timer_ms").notNull().default(0),
  timerRunningSince: timestamp("timer_running_since", { withTimezone: true }),
});
