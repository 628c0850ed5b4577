import { z } from "zod";
import {
  createHourlyRate, deleteHourlyRate, listHourlyRates, MAX_CENTS_PER_HOUR, moveHourlyRate, setHourlyRateActive, updateHourlyRate,
} from "../../domain/config/hourly-rates";
import { adminProcedure, router } from "../trpc";
import { configName } from "./queue";

const id = z.number().int().positive();

/** F3: a named hourly rate; the browser turns "95,50 €" into cents. */
export const hourlyRateInput = z.object({
  name: configName,
  centsPerHour: z
    .number({ error: "Enter an amount per hour" })
    .int("Enter an amount per hour")
    .min(0, "Enter an amount per hour from 0 to 100,000 €")
    .max(MAX_CENTS_PER_HOUR, "Enter an amount per hour from 0 to 100,000 €"),
});

export const hourlyRateRouter = router({
  /** Every rate in order with how many entries were booked at it (admins). */
  list: adminProcedure.query(({ ctx }) => listHourlyRates(ctx.deps.db, ctx.actor)),
  create: adminProcedure.input(hourlyRateInput).mutation(({ ctx, input }) => createHourlyRate(ctx.deps.db, ctx.actor, input)),
  update: adminProcedure
    .input(hourlyRateInput.extend({ id }))
    .mutation(({ ctx, input: { id: rateId, ...values } }) => updateHourlyRate(ctx.deps.db, ctx.actor, rateId, values)),
  move: adminProcedure
    .input(z.object({ id, direction: z.enum(["up", "down"]) }))
    .mutation(({ ctx, input }) => moveHourlyRate(ctx.deps.db, ctx.actor, input.id, input.direction)),
  setActive: adminProcedure
    .input(z.object({ id, active: z.boolean() }))
    .mutation(({ ctx, input }) => setHourlyRateActive(ctx.deps.db, ctx.actor, input.id, input.active)),
  /** Entries booked at it keep their amounts. */
  delete: adminProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    await deleteHourlyRate(ctx.deps.db, ctx.actor, input.id);
    return { ok: true };
  }),
});
