import { integer, pgTable, primaryKey, serial, text } from "drizzle-orm/pg-core";
import { tickets } from "./tickets";
import { users } from "./users";

/** Teams of staff users (e.g. "Second level", "Billing desk"): they can watch tickets as a whole (E4, C12). */
export const teams = pgTable("teams", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
});

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

/** A team watching a ticket: each member is told, as far as they may read the ticket. */
export const ticketTeamWatchers = pgTable(
  "ticket_team_watchers",
  {
    ticketId: integer("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.teamId] })],
);

export type Team = typeof teams.$inferSelect;
