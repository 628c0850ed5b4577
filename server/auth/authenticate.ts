import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { users, type User } from "../../db/schema";
import { hashPassword, verifyPassword } from "../../lib/password";

// Verified against when the address is unknown, so both paths take the same time.
const dummyHash = hashPassword("not-a-real-password");

export async function authenticateUser(db: DbOrTx, email: string, password: string): Promise<User | null> {
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  return user && user.active && ok ? user : null;
}
