import { z } from "zod";
import { copyTicket } from "../../domain/tickets/ticket-copy";
import { deleteTicket } from "../../domain/tickets/ticket-delete";
import { listTicketHistory } from "../../domain/tickets/ticket-history";
import { createChildTicket, searchTicketsToLink, setParent, ticketStructure, unlinkParent } from "../../domain/tickets/ticket-links";
import { mergeTickets } from "../../domain/tickets/ticket-merge";
import { agentProcedure, router } from "../trpc";

const id = z.number({ error: "Missing ticket" }).int().positive("Missing ticket");
const ticketInput = z.object({ ticketId: id });

export const structureSearchInput = z.object({ ticketId: id, query: z.string().trim().min(1, "Enter a number or words of the title").max(200) });
export const structureSetParentInput = z.object({ ticketId: id, parentId: id });
export const structureCreateChildInput = z.object({
  parentId: id,
  title: z.string().trim().min(1, "The subject is required").max(300, "The subject has at most 300 characters"),
  body: z.string().trim().min(1, "The first text is required").max(100_000),
});
export const structureMergeInput = z.object({ sourceId: id, targetId: id });
export const structureCopyInput = z.object({ ticketId: id, title: z.string().trim().min(1, "The subject is required").max(300, "The subject has at most 300 characters") });
export const structureHistoryInput = z.object({ ticketId: id, statusOnly: z.boolean().default(false) });

/** Parent and child tickets, merge, copy, delete and the change history (C6–C8). */
export const ticketStructureRouter = router({
  /** Parent, children with progress, the merge target, and what the user may do here. */
  get: agentProcedure.input(ticketInput).query(({ ctx, input }) => ticketStructure(ctx.deps.db, ctx.actor, input.ticketId)),
  /** Tickets to link or merge with, by number or title. */
  search: agentProcedure.input(structureSearchInput).query(({ ctx, input }) => searchTicketsToLink(ctx.deps.db, ctx.actor, input)),
  setParent: agentProcedure.input(structureSetParentInput).mutation(async ({ ctx, input }) => {
    await setParent(ctx.deps, ctx.actor, input);
    return { ok: true };
  }),
  unlinkParent: agentProcedure.input(ticketInput).mutation(async ({ ctx, input }) => {
    await unlinkParent(ctx.deps, ctx.actor, input);
    return { ok: true };
  }),
  createChild: agentProcedure.input(structureCreateChildInput).mutation(({ ctx, input }) => createChildTicket(ctx.deps, ctx.actor, input)),
  merge: agentProcedure.input(structureMergeInput).mutation(({ ctx, input }) => mergeTickets(ctx.deps, ctx.actor, input)),
  copy: agentProcedure.input(structureCopyInput).mutation(({ ctx, input }) => copyTicket(ctx.deps, ctx.actor, input)),
  delete: agentProcedure.input(ticketInput).mutation(({ ctx, input }) => deleteTicket(ctx.deps, ctx.actor, input)),
  history: agentProcedure.input(structureHistoryInput).query(({ ctx, input }) => listTicketHistory(ctx.deps.db, ctx.actor, input)),
});
