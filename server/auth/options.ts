import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "../env";
import { appDb } from "../db-instance";
import { sameOriginPath } from "../../lib/safe-redirect";
import { authenticateUser } from "./authenticate";
import { CLIENT_IP_HEADER } from "./client-ip";

const credentials = z.object({ email: z.string().trim().email().max(320), password: z.string().min(1).max(1000) });

/** next-auth: e-mail and password for agents, JWT sessions in an httpOnly cookie. */
export function authOptions(): AuthOptions {
  return {
    secret: env().APP_SECRET,
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
          const user = await authenticateUser(appDb().db, parsed.data.email, parsed.data.password, { ip });
          // Same answer for unknown address and wrong password: no hint whether the account exists.
          return user ? { id: String(user.id), name: user.name, email: user.email, role: user.role } : null;
        },
      }),
    ],
    callbacks: {
      // next-auth's callbackUrl: only to this origin, by the same rule as the login page's `next`.
      redirect({ url, baseUrl }) {
        return `${new URL(baseUrl).origin}${sameOriginPath(url, baseUrl, "/tickets")}`;
      },
      jwt({ token, user }) {
        if (user) token.role = (user as { role?: string }).role;
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub, role: token.role } };
      },
    },
  };
}
