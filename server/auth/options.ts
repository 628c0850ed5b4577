import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import type { DbOrTx } from "../../db/client";
import { env } from "../env";
import { appDb } from "../db-instance";
import { sameOriginPath } from "../../lib/safe-redirect";
import { authenticateUser } from "./authenticate";
import { isSessionCurrent, signedInAtOf } from "./session";
import { CLIENT_IP_HEADER } from "./client-ip";

const SESSION_ENDED = "session ended";

const credentials = z.object({ email: z.string().trim().email().max(320), password: z.string().min(1).max(1000) });

/** next-auth: e-mail and password for agents, JWT sessions in an httpOnly cookie. */
export function authOptions(): AuthOptions {
  return authOptionsFor(env().APP_SECRET, () => appDb().db);
}

/** The options on a given secret and database (tests run them against theirs). */
export function authOptionsFor(secret: string, db: () => DbOrTx): AuthOptions {
  return {
    secret,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "E-mail",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) return null;
          // Set by server/web-pages.ts from the connection; a client's own header of that name is overwritten there.
          const ip = (req?.headers as Record<string, string | undefined> | undefined)?.[CLIENT_IP_HEADER] ?? null;
          const user = await authenticateUser(db(), parsed.data.email, parsed.data.password, { ip });
          // Same answer for unknown address and wrong password: no hint whether the account exists.
          return user ? { id: String(user.id), name: user.name, email: user.email, role: user.role } : null;
        },
      }),
    ],
    logger: {
      // An ended session is an expected answer, not a fault worth a stack trace.
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && (metadata as { message?: string })?.message === SESSION_ENDED) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
    callbacks: {
      // next-auth's callbackUrl: only to this origin, by the same rule as the login page's `next`.
      redirect({ url, baseUrl }) {
        return `${new URL(baseUrl).origin}${sameOriginPath(url, baseUrl, "/tickets")}`;
      },
      async jwt({ token, user }) {
        if (user) {
          token.role = (user as { role?: string }).role;
          // Kept through every renewal of the token; ended sessions are told by it (session.ts).
          token.signedInAt = Date.now();
          return token;
        }
        // A session fetch renews the cookie: an ended one is refused instead, and next-auth clears it.
        // The database away is not a reason to sign anyone out: the cookie stays as it is.
        const current = await isSessionCurrent(db(), { userId: Number(token.sub), signedInAt: signedInAtOf(token) }).catch(() => true);
        if (!current) throw new Error(SESSION_ENDED);
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub, role: token.role } };
      },
    },
  };
}
