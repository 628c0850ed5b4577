import { z } from "zod";
import { agentProcedure, router } from "../trpc";

export const meRouter = router({
  get: agentProcedure.input(z.object({}).optional()).query(({ ctx }) => ({
    userId: ctx.actor.userId,
    name: ctx.actor.name,
    role: ctx.actor.role,
  })),
});
