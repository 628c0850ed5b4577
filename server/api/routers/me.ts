import { z } from "zod";
import { GREETING_MAX, readProfile, updateProfile, USER_SIGNATURE_MAX } from "../../domain/profile";
import { agentProcedure, router } from "../trpc";

const optionalText = (what: string, max: number) =>
  z
    .string({ error: `Enter your ${what} or leave it empty` })
    .nullish()
    .transform((v) => (v?.trim() ? v.trim() : null))
    .pipe(z.string().max(max, `Your ${what} is too long (at most ${max} characters)`).nullable());

export const profileUpdateInput = z.object({
  greeting: optionalText("greeting", GREETING_MAX),
  /** Replaces the queue's signature in your replies; empty: the queue's is used. */
  signature: optionalText("signature", USER_SIGNATURE_MAX),
});

export const meRouter = router({
  get: agentProcedure.input(z.object({}).optional()).query(({ ctx }) => ({
    userId: ctx.actor.userId,
    name: ctx.actor.name,
    role: ctx.actor.role,
  })),
  /** The signed-in user's greeting and signature (A5). */
  profile: agentProcedure.query(({ ctx }) => readProfile(ctx.deps.db, ctx.actor)),
  updateProfile: agentProcedure
    .input(profileUpdateInput)
    .mutation(({ ctx, input }) => updateProfile(ctx.deps.db, ctx.actor, input)),
});
