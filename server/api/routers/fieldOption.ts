import { z } from "zod";
import {
  createFieldOption, deleteFieldOption, fieldOptionKinds, listFieldOptions, moveFieldOption, setFieldOptionActive, updateFieldOption,
} from "../../domain/config/field-options";
import { COLOUR_PATTERN } from "../../domain/config/shared";
import { adminProcedure, router } from "../trpc";
import { configName, optionalName } from "./queue";

const id = z.number().int().positive();
const kind = z.enum(fieldOptionKinds, { error: "Choose a list" });

/** B4, B5, B8, B9: one entry of a configurable list; the colour is optional. */
export const fieldOptionInput = z.object({
  name: configName,
  nameDe: optionalName,
  colour: z
    .string({ error: "A colour is written as #rrggbb" })
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(z.string().regex(COLOUR_PATTERN, "A colour is written as #rrggbb").nullable()),
});

export const fieldOptionRouter = router({
  /** One list's entries (or all lists'), in order, with how many tickets have each (admins). */
  list: adminProcedure
    .input(z.object({ kind: kind.optional() }).optional())
    .query(({ ctx, input }) => listFieldOptions(ctx.deps.db, ctx.actor, { kind: input?.kind })),
  create: adminProcedure.input(fieldOptionInput.extend({ kind })).mutation(({ ctx, input }) => createFieldOption(ctx.deps.db, ctx.actor, input)),
  update: adminProcedure
    .input(fieldOptionInput.extend({ id }))
    .mutation(({ ctx, input: { id: optionId, ...values } }) => updateFieldOption(ctx.deps.db, ctx.actor, optionId, values)),
  move: adminProcedure
    .input(z.object({ id, direction: z.enum(["up", "down"]) }))
    .mutation(({ ctx, input }) => moveFieldOption(ctx.deps.db, ctx.actor, input.id, input.direction)),
  /** Deactivated entries stay on their tickets but are no longer offered. */
  setActive: adminProcedure
    .input(z.object({ id, active: z.boolean() }))
    .mutation(({ ctx, input }) => setFieldOptionActive(ctx.deps.db, ctx.actor, input.id, input.active)),
  /** Refused with the ticket count while tickets have the entry. */
  delete: adminProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    await deleteFieldOption(ctx.deps.db, ctx.actor, input.id);
    return { ok: true };
  }),
});
