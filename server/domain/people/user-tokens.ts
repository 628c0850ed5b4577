import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { users, userTokens } from "../../../db/schema";

/**
 * Single-use links mailed to a user (A1): an invitation to choose a first password, or a
 * password reset. The token is 32 random bytes (base64url) and only its sha256 is stored,
 * so reading the database hands out no logins. The plain token exists in the mail alone:
 * never store it elsewhere, never log it.
 */

export type TokenPurpose = "invite" | "reset";

/** How long a link works: an invitation a week, a reset an hour. */
export const TOKEN_VALIDITY_SECONDS: Record<TokenPurpose, number> = { invite: 7 * 24 * 60 * 60, reset: 60 * 60 };

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** What a real token looks like (32 bytes in base64url); anything else is refused unread. */
const tokenShape = /^[A-Za-z0-9_-]{43}$/;

/**
 * A new token for the user; older unused tokens of the same purpose stop working, so only
 * the newest mail's link does. Returns the plain token, to be mailed and forgotten.
 */
export async function issueUserToken(
  tx: DbOrTx,
  userId: number,
  purpose: TokenPurpose,
): Promise<{ token: string; expiresAt: Date }> {
  await voidUserTokens(tx, userId, [purpose]);
  const token = randomBytes(32).toString("base64url");
  const [row] = await tx
    .insert(userTokens)
    .values({
      userId,
      purpose,
      tokenHash: hashToken(token),
      expiresAt: sql`now() + make_interval(secs => ${TOKEN_VALIDITY_SECONDS[purpose]})`,
    })
    .returning({ expiresAt: userTokens.expiresAt });
  return { token, expiresAt: row.expiresAt };
}

/**
 * Takes a token for good: one UPDATE marks it used only while it is unused and unexpired,
 * so of two requests with the same link exactly one wins. Null for an unknown, used
 * (or voided) or expired token alike.
 */
export async function consumeUserToken(tx: DbOrTx, token: string): Promise<{ userId: number; purpose: TokenPurpose } | null> {
  if (!tokenShape.test(token)) return null;
  const [row] = await tx
    .update(userTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(userTokens.tokenHash, hashToken(token)), isNull(userTokens.usedAt), gt(userTokens.expiresAt, sql`now()`)))
    .returning({ userId: userTokens.userId, purpose: userTokens.purpose });
  return row ?? null;
}

/** Whether a token would be taken now (unused, unexpired, its user active); reads only. */
export async function isUserTokenUsable(db: DbOrTx, token: string): Promise<boolean> {
  if (!tokenShape.test(token)) return false;
  const [row] = await db
    .select({ id: userTokens.id })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(eq(userTokens.tokenHash, hashToken(token)), isNull(userTokens.usedAt), gt(userTokens.expiresAt, sql`now()`), eq(users.active, true)));
  return !!row;
}

/** Every unused token of the user (of these purposes) stops working; it counts as used. */
export async function voidUserTokens(tx: DbOrTx, userId: number, purposes: TokenPurpose[] = ["invite", "reset"]): Promise<void> {
  await tx
    .update(userTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(userTokens.userId, userId), inArray(userTokens.purpose, purposes), isNull(userTokens.usedAt)));
}

/** How many tokens of this purpose were issued to the user within the last `seconds` (voided ones too). */
export async function tokensIssuedSince(tx: DbOrTx, userId: number, purpose: TokenPurpose, seconds: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(userTokens)
    .where(
      and(
        eq(userTokens.userId, userId),
        eq(userTokens.purpose, purpose),
        gt(userTokens.createdAt, sql`now() - make_interval(secs => ${seconds})`),
      ),
    );
  return row.n;
}
