import { TRPCError } from "@trpc/server";

/** "OK" when the call succeeds, else the tRPC error code (e.g. "UNAUTHORIZED"). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (err) {
    return err instanceof TRPCError ? err.code : `unexpected ${String(err)}`;
  }
}
