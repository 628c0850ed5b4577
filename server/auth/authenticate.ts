import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { users, type User } from "../../db/schema";
import { hashPassword, verifyPassword } from "../../lib/password";
import { attemptKeys, attemptSucceeded, beginAttempt, type AttemptPolicy } from "../domain/people/attempt-limits";

// Verified against when the address is unknown, so both paths take the same time.
const dummyHash = hashPassword("not-a-real-password");

export interface SignInAttempt {
  /** The client's address, for the per-IP limit (server/auth/client-ip.ts). */
  ip?: string | null;
  now?: Date;
  /** Tests only: other limits than `attemptLimits.signIn`. */
  limits?: { account: AttemptPolicy; ip: AttemptPolicy };
}

/**
 * The active user with this address and password, or null: for a wrong password, an unknown
 * address, a disabled account and an attempt refused by the sign-in limits alike, so the
 * answer tells nothing about the account or the limit.
 */
export async function authenticateUser(db: DbOrTx, email: string, password: string, attempt: SignInAttempt = {}): Promise<User | null> {
  const keys = attemptKeys("signIn", { account: email, ip: attempt.ip }, attempt.limits);
  if (!(await beginAttempt(db, keys, attempt.now))) return null;
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  if (!user || !user.active || !ok) return null;
  await attemptSucceeded(db, keys);
  return user;
}
