import { eq } from "drizzle-orm";
import { getToken } from "next-auth/jwt";
import { users } from "../../db/schema";
import type { DbOrTx } from "../../db/client";
import type { UserActor } from "../domain/actor";
import { loadUserActor } from "../domain/permissions";

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/** A signed-in session: its user, and when the user signed in (milliseconds). */
export interface SessionRef {
  userId: number;
  signedInAt: number;
}

/**
 * When the session's sign-in happened, in milliseconds, as `jwt` in options.ts stamped it.
 * Not `iat`: that is whole seconds, and next-auth renews it on every session fetch, so an
 * ended session that fetched once would look new. A token without the stamp counts as
 * signed in at 0: it is ended by the user's first end of sessions.
 */
export const signedInAtOf = (token: Record<string, unknown>): number =>
  typeof token.signedInAt === "number" && Number.isFinite(token.signedInAt) ? token.signedInAt : 0;

/** The session's ref from a request's next-auth cookie, or null; not yet checked against the database. */
export async function sessionFromCookies(
  cookieHeader: string | undefined,
  opts: { secret: string; secureCookie: boolean },
): Promise<SessionRef | null> {
  const token = await getToken({
    req: { cookies: parseCookies(cookieHeader), headers: {} } as never,
    secret: opts.secret,
    secureCookie: opts.secureCookie,
  });
  const userId = Number(token?.sub);
  if (!token || !Number.isInteger(userId) || userId <= 0) return null;
  return { userId, signedInAt: signedInAtOf(token) };
}

/**
 * Whether the session still holds: the user exists and the sign-in came after the last end
 * of their sessions (password set, account disabled, "sign out everywhere"). A sign-in in
 * the same millisecond as the end counts as before it.
 */
export async function isSessionCurrent(db: DbOrTx, s: SessionRef): Promise<boolean> {
  if (!Number.isInteger(s.userId) || s.userId <= 0) return false;
  const [user] = await db.select({ validFrom: users.sessionsValidFrom }).from(users).where(eq(users.id, s.userId));
  return !!user && (!user.validFrom || s.signedInAt > user.validFrom.getTime());
}

/** The session's actor as the user is now, or null when the session ended or the account is disabled. */
export async function sessionActor(db: DbOrTx, s: SessionRef): Promise<UserActor | null> {
  return (await isSessionCurrent(db, s)) ? loadUserActor(db, s.userId) : null;
}

/**
 * The actor behind a request's next-auth session cookie, or null. Used by tRPC and by the
 * Socket.IO handshake alike. The user is re-read so a disabled account loses access at once,
 * and an ended session (server/domain/people/sessions.ts) stops working.
 */
export async function actorFromCookies(
  db: DbOrTx,
  cookieHeader: string | undefined,
  opts: { secret: string; secureCookie: boolean },
): Promise<UserActor | null> {
  const session = await sessionFromCookies(cookieHeader, opts);
  return session ? sessionActor(db, session) : null;
}
