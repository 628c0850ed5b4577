import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Failed attempts at something guessable (sign-in, password links, reset requests), per key
 * such as "signIn:account:ines@example.test" or "signIn:ip:203.0.113.7" (issue 11.6). In
 * PostgreSQL, so every web process counts the same attempts.
 */
export const attemptCounters = pgTable("attempt_counters", {
  key: text("key").primaryKey(),
  /** Failures within the window (a running attempt counts as one until it succeeds). */
  failures: integer("failures").notNull().default(0),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }),
  /** No attempt is tried before this moment: a growing delay, or the temporary lock. */
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
});
