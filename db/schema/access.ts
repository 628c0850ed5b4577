import { index, integer, pgEnum, pgTable, primaryKey } from "drizzle-orm/pg-core";
import { queues } from "./queues";
import { users } from "./users";

/**
 * A user's right on one queue (A3), lowest to highest: read own tickets; create (and answer
 * own tickets; "write" is the same step); delete own tickets; manage: an agent of the queue,
 * who sees, answers and changes all its tickets. No row: the queue does not exist for them.
 */
export const queueAccessLevel = pgEnum("queue_access_level", ["read_own", "create", "write", "delete_own", "manage"]);
export type QueueAccessLevel = (typeof queueAccessLevel.enumValues)[number];

export const queueAccess = pgTable(
  "queue_access",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    queueId: integer("queue_id")
      .notNull()
      .references(() => queues.id, { onDelete: "cascade" }),
    level: queueAccessLevel("level").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.queueId] }), index("queue_access_queue_idx").on(t.queueId)],
);
