import { z } from "zod";
import { queueAccessLevel, staffRights } from "../../../db/schema";
import { listUsers, updateUserAccess } from "../../domain/users";
import { adminProcedure, router } from "../trpc";

const id = z.number({ error: "Missing id" }).int().positive("Missing id");

export const updateUserAccessInput = z.object({
  userId: id,
  role: z.enum(["admin", "agent", "backoffice"], { error: "Choose a role" }),
  active: z.boolean({ error: "Active must be on or off" }),
  canOwnTickets: z.boolean({ error: "Choose whether the user can own tickets" }),
  rights: z.array(z.enum(staffRights, { error: "Unknown right" })).max(staffRights.length).default([]),
  /** Queue id → level; queues left out lose their access. */
  queues: z
    .record(z.string().regex(/^\d+$/, "Unknown queue"), z.enum(queueAccessLevel.enumValues, { error: "Choose a level" }))
    .transform((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [Number(k), v]))),
});

export const userRouter = router({
  /** Every user with role, state and queue levels (A1–A4). */
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.deps.db, ctx.actor)),
  /** Replaces one user's access; their open screens follow within a second. */
  updateAccess: adminProcedure.input(updateUserAccessInput).mutation(({ ctx, input }) => {
    const { userId, ...access } = input;
    return updateUserAccess(ctx.deps, ctx.actor, userId, access);
  }),
});
