import { z } from "zod";
import { deleteTeam, listTeams, saveTeam, setTeamWatching, teamsWatching } from "../../domain/people/teams";
import { adminProcedure, agentProcedure, router } from "../trpc";

const id = z.number({ error: "Missing id" }).int().positive("Missing id");

export const teamSaveInput = z.object({
  id: id.nullable().default(null),
  name: z.string().trim().min(1, "Enter the team's name").max(100, "A team's name has at most 100 characters"),
  memberIds: z.array(id).max(1000).default([]),
});

export const teamRouter = router({
  /** Every team with its members (staff choose watching teams from it). */
  list: agentProcedure.query(({ ctx }) => listTeams(ctx.deps.db, ctx.actor)),
  /** Creates (id null) or replaces a team's name and members. */
  save: adminProcedure.input(teamSaveInput).mutation(({ ctx, input }) => saveTeam(ctx.deps.db, ctx.actor, input.id, input)),
  delete: adminProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    await deleteTeam(ctx.deps.db, ctx.actor, input.id);
    return { id: input.id };
  }),
  /** The teams watching a ticket. */
  watching: agentProcedure.input(z.object({ ticketId: id })).query(({ ctx, input }) => teamsWatching(ctx.deps.db, ctx.actor, input.ticketId)),
  setWatching: agentProcedure
    .input(z.object({ ticketId: id, teamId: id, watching: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await setTeamWatching(ctx.deps.db, ctx.actor, input);
      return { ok: true };
    }),
});
