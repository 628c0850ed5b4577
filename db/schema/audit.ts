import { index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

/** One field's change in an audit entry; secrets are recorded as changed, never with their values. */
export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

/** Every admin change (who, what, when, old and new values), for admins to read (issue 6). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** null: the system (start-up, the worker). */
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** What kind of thing changed, e.g. "user", "queue", "mailAccount", "mailRule", "settings". */
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    /** A name a person recognises (the queue's name, the account's address) as it was then. */
    entityLabel: text("entity_label"),
    action: text("action").$type<"create" | "update" | "delete">().notNull(),
    changes: jsonb("changes").$type<AuditChanges>().notNull(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entity, t.at)],
);

/**
 * Single-use links mailed to a user: an invitation to set a first password, or a password
 * reset. Only the sha256 of the token is stored, so a database read does not hand out logins.
 */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<"invite" | "reset">().notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("user_tokens_user_idx").on(t.userId)],
);
