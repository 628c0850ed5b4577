import { z } from "zod";
import { cancelReminder, createReminder, listReminders, MAX_REMINDER_NOTE, reminderRecipients } from "../../domain/notifications/reminders";
import { agentProcedure, router } from "../trpc";

const id = z.number({ error: "Missing id" }).int().positive("Missing id");
const ticketInput = z.object({ ticketId: id });

export const reminderCreateInput = z.object({
  ticketId: id,
  userId: z.number({ error: "Choose who is reminded" }).int().positive("Choose who is reminded"),
  dueAt: z.date({ error: "Choose a date and time" }),
  note: z.string().max(MAX_REMINDER_NOTE, `At most ${MAX_REMINDER_NOTE} characters`).default(""),
  byMail: z.boolean().default(false),
});

/** C11: reminders on a ticket, for oneself or a colleague who may read it. */
export const reminderRouter = router({
  /** The ticket's pending reminders (read right on the ticket). */
  list: agentProcedure.input(ticketInput).query(({ ctx, input }) => listReminders(ctx.deps.db, ctx.actor, input.ticketId)),
  /** Colleagues who may read the ticket, whom a reminder can be for. */
  recipients: agentProcedure.input(ticketInput).query(({ ctx, input }) => reminderRecipients(ctx.deps.db, ctx.actor, input.ticketId)),
  create: agentProcedure.input(reminderCreateInput).mutation(({ ctx, input }) => createReminder(ctx.deps, ctx.actor, input)),
  /** Its creator or recipient cancels a pending reminder. */
  cancel: agentProcedure.input(z.object({ id })).mutation(({ ctx, input }) => cancelReminder(ctx.deps, ctx.actor, input.id)),
});
