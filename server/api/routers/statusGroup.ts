import { z } from "zod";
import { COLOUR_PATTERN } from "../../domain/config/shared";
import { createStatusGroup, deleteStatusGroup, listStatusGroups, moveStatusGroup, updateStatusGroup } from "../../domain/config/status-groups";
import { adminProcedure, router } from "../trpc";
import { configName, optionalName } from "./queue";

const id = z.number().int().positive();

/** B3: name, German name and colour (#rrggbb). */
export const statusGroupInput = z.object({
  name: configName,
  nameDe: optionalName,
  colour: z.string({ error: "Choose a colour" }).trim().regex(COLOUR_PATTERN, "A colour is written as #rrggbb"),
});

export const statusGroupRouter = router({
  /** Every status group in order, with how many statuses belong to it (admins). */
  list: adminProcedure.query(({ ctx }) => listStatusGroups(ctx.deps.db, ctx.actor)),
  create: adminProcedure.input(statusGroupInput).mutation(({ ctx, input }) => createStatusGroup(ctx.deps.db, ctx.actor, input)),
  update: adminProcedure
    .input(statusGroupInput.extend({ id }))
    .mutation(({ ctx, input: { id: groupId, ...values } }) => updateStatusGroup(ctx.deps.db, ctx.actor, groupId, values)),
  move: adminProcedure
    .input(z.object({ id, direction: z.enum(["up", "down"]) }))
    .mutation(({ ctx, input }) => moveStatusGroup(ctx.deps.db, ctx.actor, input.id, input.direction)),
  /** Its statuses stay, without a group. */
  delete: adminProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deleteStatusGroup(ctx.deps.db, ctx.actor, input.id)),
});
