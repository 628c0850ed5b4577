import { sql } from "drizzle-orm";
import { boolean, pgEnum, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

/** admin: everything; agent: per-queue rights (queue_access); backoffice: per-queue rights and only the ticket rights granted one by one (A1, A2). */
export const userRole = pgEnum("user_role", ["admin", "agent", "backoffice"]);

/** What a back-office user may do with tickets and their configuration (A2); admins and agents have all. */
export const staffRights = [
  "ticket.view", "ticket.create", "ticket.update", "ticket.edit", "ticket.delete",
  "ticketRoles.view", "ticketRoles.create", "ticketRoles.update",
  "statuses.view", "statuses.create", "statuses.update",
  "types.view", "types.create", "types.update",
] as const;
export type StaffRight = (typeof staffRights)[number];

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: userRole("role").notNull().default("agent"),
  active: boolean("active").notNull().default(true),
  /**
   * Invited (A1) and no password chosen yet: the stored hash is of a random secret nobody
   * knows, and sign-in is refused until the invitation link (or a reset link) sets one.
   */
  invitationPending: boolean("invitation_pending").notNull().default(false),
  /** A4: only such users can be a ticket's owner. */
  canOwnTickets: boolean("can_own_tickets").notNull().default(true),
  /** A2: a back-office user's rights; ignored for admins and agents, who have all. */
  rights: text("rights").array().$type<StaffRight[]>().notNull().default(sql`'{}'::text[]`),
  /** A6: shown to colleagues beside the user's name while set (e.g. "On holiday, Anna takes over"). */
  outOfOffice: text("out_of_office"),
  outOfOfficeUntil: timestamp("out_of_office_until", { withTimezone: true }),
  /** A6: warn before sending a text that mentions an attachment when none is attached. */
  missingAttachmentWarning: boolean("missing_attachment_warning").notNull().default(true),
  /** The UI language the user chose ("en" or "de"); null until they choose, then the browser's choice applies. */
  language: text("language").$type<"en" | "de">(),
  /** Appended to messages and comments (A5). */
  greeting: text("greeting"),
  /** Appended to e-mails after the greeting; wins over the queue's signature (A5). */
  signature: text("signature"),
  /**
   * Sessions signed in before this moment are void: set when a password is set from a mailed
   * link, so a reset also ends every session someone else may hold.
   */
  sessionsValidFrom: timestamp("sessions_valid_from", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
