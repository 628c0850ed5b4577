import { eq } from "drizzle-orm";
import { getToken } from "next-auth/jwt";
import type { DbOrTx } from "../../db/client";
import { users } from "../../db/schema";
import type { Actor } from "../domain/actor";

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
 * Socket.IO handshake alike. The user is re-read so a disabled account loses access at once.
 */
export async function actorFromCookies(
  db: DbOrTx,
  cookieHeader: string | undefined,
  opts: { secret: string; secureCookie: boolean },
): Promise<Extract<Actor, { kind: "user" }> | null> {
  const token = await getToken({
    req: { cookies: parseCookies(cookieHeader), headers: {} } as never,
    secret: opts.secret,
    secureCookie: opts.secureCookie,
  });
  const id = Number(token?.sub);
  if (!Number.isInteger(id) || id <= 0) return null;
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user || !user.active) return null;
  return { kind: "user", userId: user.id, role: user.role, name: user.name };
}
