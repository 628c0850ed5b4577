import { z } from "zod";
import { GREETING_MAX, OUT_OF_OFFICE_MAX, readProfile, setLanguage, updateProfile, USER_SIGNATURE_MAX } from "../../domain/people/profile";
import { signOutEverywhere } from "../../domain/people/sessions";
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
  outOfOffice: z
    .string({ error: "Enter a note or leave it empty" })
    .nullish()
    .transform((v) => (v === undefined ? undefined : v?.trim() ? v.trim() : null))
    .pipe(z.string().max(OUT_OF_OFFICE_MAX, `The note is too long (at most ${OUT_OF_OFFICE_MAX} characters)`).nullable().optional()),
  outOfOfficeUntil: z.date({ error: "Enter a date and time" }).nullable().optional(),
  missingAttachmentWarning: z.boolean().optional(),
});

export const meRouter = router({
  get: agentProcedure.input(z.object({}).optional()).query(async ({ ctx }) => ({
    userId: ctx.actor.userId,
    name: ctx.actor.name,
    role: ctx.actor.role,
    /** null: not chosen yet; the browser's language applies. */
    language: (await readProfile(ctx.deps.db, ctx.actor)).language,
  })),
  /** Stores the UI language the user picked, for every browser they sign in with. */
  setLanguage: agentProcedure
    .input(z.object({ language: z.enum(["en", "de"], { error: "Choose English or German" }) }))
    .mutation(async ({ ctx, input }) => {
      await setLanguage(ctx.deps.db, ctx.actor, input.language);
      return { language: input.language };
    }),
  /** The signed-in user's greeting and signature (A5). */
  profile: agentProcedure.query(({ ctx }) => readProfile(ctx.deps.db, ctx.actor)),
  updateProfile: agentProcedure
    .input(profileUpdateInput)
    .mutation(({ ctx, input }) => updateProfile(ctx.deps.db, ctx.actor, input)),
  /** Ends every session of the user, in every browser and this one; their sockets drop within a second. */
  signOutEverywhere: agentProcedure.input(z.object({}).optional()).mutation(async ({ ctx }) => {
    await signOutEverywhere(ctx.deps, ctx.actor);
    return { ok: true as const };
  }),
});
