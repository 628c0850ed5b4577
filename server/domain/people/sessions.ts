import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { users } from "../../../db/schema";
import type { Actor } from "../actor";
import { forbidden } from "../errors";
import type { Deps, DomainEvent } from "../events";

/**
 * Ending a user's sessions (A1): every session signed in until now stops working, in every
 * web process, at the next request (server/auth/session.ts compares the sign-in time with
 * `sessions_valid_from` to the millisecond). Run inside the transaction of what caused it
 * (a password set, the account disabled); publish the returned event after the commit, so
 * the user's live sockets are re-checked and dropped within a second.
 */
export async function endSessions(tx: DbOrTx, userId: number): Promise<DomainEvent> {
  await tx.update(users).set({ sessionsValidFrom: new Date() }).where(eq(users.id, userId));
  return { type: "access.changed", userId };
}

/** "Sign out everywhere" from the profile: ends every session of the signed-in user, this one included. */
export async function signOutEverywhere(deps: Deps, actor: Actor): Promise<void> {
  if (actor.kind !== "user") throw forbidden("Only signed-in users have sessions");
  deps.publish([await endSessions(deps.db, actor.userId)]);
}
