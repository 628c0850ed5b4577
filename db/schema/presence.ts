import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { tickets } from "./tickets";
import { users } from "./users";

/**
 * Who has a ticket open right now (E2): one row per socket and ticket, so every web process
 * sees every viewer. Each web process refreshes `seen_at` for its own sockets; rows of a
 * process that died without cleaning up expire after a short TTL.
 */
export const ticketViewers = pgTable(
  "ticket_viewers",
  {
    ticketId: integer("ticket_id").notNull().references(() => tickets.id, { onDelete: "cascade" }),
    socketId: text("socket_id").notNull(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    since: timestamp("since", { withTimezone: true }).notNull().defaultNow(),
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.socketId] }), index("ticket_viewers_socket_idx").on(t.socketId)],
);
