import { and, asc, eq, inArray, notInArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { queueAccess, queues, staffRights, users, type QueueAccessLevel, type StaffRight } from "../../../db/schema";
import type { Actor, StaffRole } from "../actor";
import { AppError, notFound } from "../errors";
import type { Deps } from "../events";
import { recordAudit } from "../audit";
import { assertAdmin } from "../permissions";
import { endSessions } from "./sessions";
import { voidUserTokens } from "./user-tokens";

/**
 * Who may do what (A1–A4), administered by admins: a user's role, whether the account is
 * active, whether they can own tickets, a back-office user's rights, and the level on each
 * queue. Every change tells the user's live sockets to re-check their rooms
 * (`access.changed`), so a revoked queue disappears from their screens within a second;
 * disabling an account also ends its sessions.
 */

export interface UserAccess {
  id: number;
  name: string;
  email: string;
  role: StaffRole;
  active: boolean;
  canOwnTickets: boolean;
  rights: StaffRight[];
  /** Queue id → level; a queue not listed does not exist for the user. */
  queues: Record<number, QueueAccessLevel>;
}

export interface UserAccessInput {
  role: StaffRole;
  active: boolean;
  canOwnTickets: boolean;
  rights: StaffRight[];
  queues: Record<number, QueueAccessLevel>;
}

function fieldError(field: keyof UserAccessInput, message: string): AppError {
  return new AppError("INVALID", message, { fieldErrors: { [field]: [message] } });
}

export async function listUsers(db: DbOrTx, actor: Actor): Promise<UserAccess[]> {
  assertAdmin(actor);
  return readUsers(db);
}

/** Every user (or one) with their queue levels. */
async function readUsers(db: DbOrTx, userId?: number): Promise<UserAccess[]> {
  const [rows, levels] = await Promise.all([
    db
      .select({
        id: users.id, name: users.name, email: users.email, role: users.role, active: users.active,
        canOwnTickets: users.canOwnTickets, rights: users.rights,
      })
      .from(users)
      .where(userId === undefined ? undefined : eq(users.id, userId))
      .orderBy(asc(users.name), asc(users.id)),
    db.select().from(queueAccess).where(userId === undefined ? undefined : eq(queueAccess.userId, userId)),
  ]);
  return rows.map((u) => ({
    ...u,
    queues: Object.fromEntries(levels.filter((l) => l.userId === u.id).map((l) => [l.queueId, l.level])),
  }));
}

/**
 * Replaces a user's access as a whole. An admin cannot demote or disable themselves, so a
 * desk never loses its last way in by accident.
 */
export async function updateUserAccess(deps: Deps, actor: Actor, userId: number, input: UserAccessInput): Promise<UserAccess> {
  assertAdmin(actor);
  if (actor.kind === "user" && actor.userId === userId && (input.role !== "admin" || !input.active)) {
    throw fieldError(input.active ? "role" : "active", "You cannot take away your own admin access");
  }
  const unknownRight = input.rights.find((r) => !(staffRights as readonly string[]).includes(r));
  if (unknownRight) throw fieldError("rights", `Unknown right: ${unknownRight}`);
  const queueIds = Object.keys(input.queues).map(Number);
  const updated = await deps.db.transaction(async (tx) => {
    const [before] = await readUsers(tx, userId);
    const [row] = await tx
      .update(users)
      .set({ role: input.role, active: input.active, canOwnTickets: input.canOwnTickets, rights: input.role === "backoffice" ? input.rights : [] })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (!row) throw notFound("User");
    if (queueIds.length) {
      const known = await tx.select({ id: queues.id }).from(queues).where(inArray(queues.id, queueIds));
      if (known.length !== queueIds.length) throw fieldError("queues", "Choose existing queues");
    }
    await tx
      .delete(queueAccess)
      .where(and(eq(queueAccess.userId, userId), queueIds.length ? notInArray(queueAccess.queueId, queueIds) : undefined));
    for (const queueId of queueIds) {
      await tx
        .insert(queueAccess)
        .values({ userId, queueId, level: input.queues[queueId] })
        .onConflictDoUpdate({ target: [queueAccess.userId, queueAccess.queueId], set: { level: input.queues[queueId] } });
    }
    // Disabled: the sessions and mailed links end for good, so enabling the account again revives neither.
    if (before?.active && !input.active) {
      await endSessions(tx, userId);
      await voidUserTokens(tx, userId);
    }
    const [user] = await readUsers(tx, userId);
    await recordAudit(tx, actor, { entity: "user", entityId: userId, label: user.email, before: { ...before }, after: { ...user } });
    return user;
  });
  deps.publish([{ type: "access.changed", userId }]);
  return updated;
}
