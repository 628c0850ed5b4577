import { z } from "zod";
import { serviceType } from "../../../db/schema";
import { activeHourlyRates } from "../../domain/config/hourly-rates";
import { addTimeEntry, deleteTimeEntry, listTimeEntries, MAX_ENTRY_MINUTES, MAX_NOTE_LENGTH, staffNames, updateTimeEntry } from "../../domain/time/time-entries";
import { mayUseTimeReport, timeReport } from "../../domain/time/time-report";
import { agentProcedure, router } from "../trpc";

const id = z.number({ error: "Missing id" }).int().positive("Missing id");

/** F2: what a booking holds; the date is an instant the browser chose (today: now; another day: its noon). */
export const timeEntryInput = z.object({
  minutes: z
    .number({ error: "errors.field.minutesRequired" })
    .int("errors.field.wholeNumber")
    .min(1, "errors.field.minutesRequired")
    .max(MAX_ENTRY_MINUTES, "errors.field.maxHoursPerEntry"),
  serviceType: z.enum(serviceType.enumValues, { error: "Choose a service type" }),
  billable: z.boolean(),
  rateId: id.nullable(),
  note: z.string().max(MAX_NOTE_LENGTH, `At most ${MAX_NOTE_LENGTH} characters`).default(""),
  workedAt: z.date({ error: "errors.field.dateRequired" }).min(new Date("2000-01-01"), "Choose a later date"),
});

/** F3: the times report's filters, shared by the page (tRPC) and the CSV download. */
export const timeReportFilterInput = z.object({
  from: z.coerce.date({ error: "Choose a start date" }).nullish(),
  to: z.coerce.date({ error: "Choose an end date" }).nullish(),
  userId: z.coerce.number().int().positive().nullish(),
  queueId: z.coerce.number().int().positive().nullish(),
  billable: z.enum(["all", "billable", "notBillable"]).default("all"),
});

export const timeEntryRouter = router({
  /** A ticket's time entries with totals (read right on the ticket). */
  list: agentProcedure.input(z.object({ ticketId: id })).query(({ ctx, input }) => listTimeEntries(ctx.deps.db, ctx.actor, input.ticketId)),
  /** Books time for oneself (write right on the ticket). */
  add: agentProcedure.input(timeEntryInput.extend({ ticketId: id })).mutation(async ({ ctx, input }) => {
    const { id: entryId, events } = await addTimeEntry(ctx.deps.db, ctx.actor, input);
    ctx.deps.publish(events);
    return { id: entryId };
  }),
  /** Changes one's own entry (admins: anyone's). */
  update: agentProcedure.input(timeEntryInput.extend({ id })).mutation(async ({ ctx, input }) => {
    const { events } = await updateTimeEntry(ctx.deps.db, ctx.actor, input);
    ctx.deps.publish(events);
    return { id: input.id };
  }),
  delete: agentProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    const { events } = await deleteTimeEntry(ctx.deps.db, ctx.actor, input.id);
    ctx.deps.publish(events);
    return { id: input.id };
  }),
  /** The active hourly rates, offered when booking. */
  rates: agentProcedure.query(({ ctx }) => activeHourlyRates(ctx.deps.db, ctx.actor)),
  /** The times report (F3): entries on readable tickets matching the filters, with totals. */
  report: agentProcedure.input(timeReportFilterInput).query(({ ctx, input }) => timeReport(ctx.deps.db, ctx.actor, input)),
  /** What the report's filters offer: staff names (agents); queues come from queue.options. */
  reportOptions: agentProcedure.query(async ({ ctx }) => ({
    allowed: mayUseTimeReport(ctx.actor),
    agents: mayUseTimeReport(ctx.actor) ? await staffNames(ctx.deps.db) : [],
  })),
});
