import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";

export const dynamic = "force-dynamic";

// Built per request so `next build` never needs the runtime configuration.
type Ctx = { params: Promise<{ nextauth: string[] }> };
const handle = async (req: Request, ctx: Ctx) => NextAuth(authOptions())(req, { params: await ctx.params });

export { handle as GET, handle as POST };
