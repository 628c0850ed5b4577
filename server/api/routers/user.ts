import { z } from "zod";
import { FIELD_LIMITS } from "../../../lib/field-limits";
import { queueAccessLevel, staffRights } from "../../../db/schema";
import { inviteUser, listPendingInvitations, resendInvitation } from "../../domain/people/invitations";
import { listUsers, updateUserAccess } from "../../domain/people/users";
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

export const inviteUserInput = z.object({
  email: z.string({ error: "errors.field.required" }).trim().email("errors.field.email").max(FIELD_LIMITS.email, "errors.field.tooLong"),
  name: z.string({ error: "errors.field.nameRequired" }).trim().min(1, "errors.field.nameRequired").max(FIELD_LIMITS.personName, "errors.field.tooLong"),
  role: z.enum(["admin", "agent", "backoffice"], { error: "Choose a role" }),
});

export const userRouter = router({
  /** Every user with role, state and queue levels (A1–A4). */
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.deps.db, ctx.actor)),
  /** Replaces one user's access; their open screens follow within a second. */
  updateAccess: adminProcedure.input(updateUserAccessInput).mutation(({ ctx, input }) => {
    const { userId, ...access } = input;
    return updateUserAccess(ctx.deps, ctx.actor, userId, access);
  }),
  /** Creates the user (no queues, no usable password) and mails a set-password link valid for 7 days. */
  invite: adminProcedure.input(inviteUserInput).mutation(({ ctx, input }) => inviteUser(ctx.deps, ctx.actor, input)),
  /** A new invitation link for a user who has not chosen a password yet; the old link stops working. */
  resendInvite: adminProcedure.input(z.object({ userId: id })).mutation(({ ctx, input }) => resendInvitation(ctx.deps, ctx.actor, input.userId)),
  /** Invited users who have not chosen a password yet, with until when their link works. */
  pendingInvitations: adminProcedure.query(({ ctx }) => listPendingInvitations(ctx.deps.db, ctx.actor)),
});
