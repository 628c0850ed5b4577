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

/**
 * The actor behind a request's next-auth session cookie, or null. Used by tRPC and by the
 * Socket.IO handshake alike. The user is re-read so a disabled account loses access at once,
 * and a password set from a mailed link ends the sessions signed in before it.
 */
export async function actorFromCookies(
  db: DbOrTx,
  cookieHeader: string | undefined,
  opts: { secret: string; secureCookie: boolean },
): Promise<UserActor | null> {
  const token = await getToken({
    req: { cookies: parseCookies(cookieHeader), headers: {} } as never,
    secret: opts.secret,
    secureCookie: opts.secureCookie,
  });
  const id = Number(token?.sub);
  if (!Number.isInteger(id) || id <= 0) return null;
  const [user] = await db.select({ validFrom: users.sessionsValidFrom }).from(users).where(eq(users.id, id));
  // A session from before the last password change is void (`iat` is in whole seconds).
  if (user?.validFrom && Number(token?.iat ?? 0) < Math.floor(user.validFrom.getTime() / 1000)) return null;
  return loadUserActor(db, id);
}
