import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../../lib/password-policy";
import { requestPasswordReset, setPasswordWithToken } from "../../domain/people/password-reset";
import { isUserTokenUsable } from "../../domain/people/user-tokens";
import { publicProcedure, router } from "../trpc";

export const requestPasswordResetInput = z.object({
  email: z.string({ error: "Enter your e-mail address" }).trim().email("Enter a valid e-mail address").max(320, "This address is too long"),
});

export const setPasswordInput = z.object({
  /** The token from the mailed link; its shape and validity are checked by the domain, with one message. */
  token: z.string({ error: "This link is invalid or has expired" }).max(200, "This link is invalid or has expired"),
  password: z
    .string({ error: "Enter a password" })
    .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`),
});

/** What anyone, signed in or not, may ask about their own account (A1). */
export const authRouter = router({
  /** Always the same answer: whether a mail goes out is not told (no account enumeration). */
  requestPasswordReset: publicProcedure.input(requestPasswordResetInput).mutation(async ({ ctx, input }) => {
    await requestPasswordReset(ctx.deps, input, { ip: ctx.clientIp });
    return { ok: true as const };
  }),
  /** Whether a mailed link still works, so the page can say so before a password is typed. Changes nothing. */
  checkLink: publicProcedure
    .input(z.object({ token: z.string().max(200) }))
    .query(async ({ ctx, input }) => ({ valid: await isUserTokenUsable(ctx.deps.db, input.token) })),
  /** Sets the password of the link's user (invitation or reset); the link then stops working. */
  setPassword: publicProcedure.input(setPasswordInput).mutation(async ({ ctx, input }) => {
    const { email } = await setPasswordWithToken(ctx.deps, input, { ip: ctx.clientIp });
    return { email };
  }),
});
