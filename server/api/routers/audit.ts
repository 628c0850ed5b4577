import { z } from "zod";
import { auditEntities, listAudit } from "../../domain/audit";
import { adminProcedure, router } from "../trpc";

export const auditListInput = z.object({
  cursor: z.number().int().positive().nullish(),
  limit: z.number().int().min(1).max(200).default(50),
  entity: z.enum(auditEntities).optional(),
});

export const auditRouter = router({
  /** Who changed what and when, newest first (admins). */
  list: adminProcedure.input(auditListInput).query(({ ctx, input }) => listAudit(ctx.deps.db, ctx.actor, input)),
});
