import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { queueAccess, staffRights, users, type QueueAccessLevel } from "../../../db/schema";
import type { UserActor } from "../actor";

/**
 * The actor for a user as they are now, or null when the account is unknown or disabled.
 * Read per request and per socket (re)evaluation, so a change of rights applies at once.
 */
export async function loadUserActor(db: DbOrTx, userId: number): Promise<UserActor | null> {
  const [user] = await db
    .select({ id: users.id, name: users.name, role: users.role, active: users.active, rights: users.rights })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || !user.active) return null;
  const rows = await db.select({ queueId: queueAccess.queueId, level: queueAccess.level }).from(queueAccess).where(eq(queueAccess.userId, userId));
  const queues: Record<number, QueueAccessLevel> = {};
  for (const r of rows) queues[r.queueId] = r.level;
  return {
    kind: "user",
    userId: user.id,
    role: user.role,
    name: user.name,
    queues,
    rights: user.role === "backoffice" ? user.rights.filter((r) => (staffRights as readonly string[]).includes(r)) : staffRights,
  };
}
