import { z } from "zod";
import { PROGRESS_MAX, PROGRESS_MIN } from "../../domain/config/shared";
import { ticketCountsByStatus } from "../../domain/config/status-counts";
import { createStatus, deleteStatus, listStatuses, moveStatus, statusCategories, updateStatus } from "../../domain/config/statuses";
import { adminProcedure, agentProcedure, router } from "../trpc";
import { configName, optionalName } from "./queue";

const id = z.number().int().positive();
const progressMessage = `The progress is a whole number from ${PROGRESS_MIN} to ${PROGRESS_MAX}`;

/** B2: a status's fields; `confirmNoClosed` confirms saving a queue without a closed status. */
export const statusFieldsInput = z.object({
  name: configName,
  nameDe: optionalName,
  category: z.enum(statusCategories, { error: "Choose new, open, pending, solved or closed" }),
  progress: z
    .number({ error: progressMessage })
    .int(progressMessage)
    .min(PROGRESS_MIN, progressMessage)
    .max(PROGRESS_MAX, progressMessage),
  groupId: z.number({ error: "Choose a status group" }).int().positive("Choose a status group").nullish().transform((v) => v ?? null),
  /** A7: roles the status is hidden from. */
  hiddenForRoles: z.array(z.enum(["agent", "backoffice"], { error: "Choose agents or back office" })).max(2).default([]),
  confirmNoClosed: z.boolean().default(false),
});
export const statusCreateInput = statusFieldsInput.extend({ queueId: id });
export const statusUpdateInput = statusFieldsInput.extend({ id });
export const statusMoveInput = z.object({ id, direction: z.enum(["up", "down"]) });
export const statusDeleteInput = z.object({
  id,
  /** Another status of the same queue that its tickets move to first. */
  moveTicketsTo: z.number({ error: "Choose a status" }).int().positive("Choose a status").nullish(),
  confirmNoClosed: z.boolean().default(false),
});

export const statusRouter = router({
  /** One queue's statuses in order, with ticket counts (admins). */
  list: adminProcedure.input(z.object({ queueId: id })).query(({ ctx, input }) => listStatuses(ctx.deps.db, ctx.actor, input.queueId)),
  create: adminProcedure.input(statusCreateInput).mutation(({ ctx, input }) => createStatus(ctx.deps.db, ctx.actor, input)),
  /** Built-in statuses are refused. */
  update: adminProcedure.input(statusUpdateInput).mutation(({ ctx, input: { id: statusId, ...values } }) => updateStatus(ctx.deps.db, ctx.actor, statusId, values)),
  move: adminProcedure.input(statusMoveInput).mutation(({ ctx, input }) => moveStatus(ctx.deps.db, ctx.actor, input.id, input.direction)),
  /** Built-in statuses are refused; one in use too, unless its tickets move to `moveTicketsTo`. */
  delete: adminProcedure
    .input(statusDeleteInput)
    .mutation(({ ctx, input }) =>
      deleteStatus(ctx.deps, ctx.actor, { statusId: input.id, moveTicketsTo: input.moveTicketsTo, confirmNoClosed: input.confirmNoClosed }),
    ),
  /** Tickets per status in the queues the user sees, counting only tickets they may read (the list filter). */
  counts: agentProcedure
    .input(z.object({ queueId: id.optional() }).optional())
    .query(({ ctx, input }) => ticketCountsByStatus(ctx.deps.db, ctx.actor, { queueId: input?.queueId })),
});
