import { z } from "zod";
import { asc, eq } from "drizzle-orm";
import { mailAccounts, queues, statuses } from "../../../db/schema";
import { changeStatus, createTicket, getTicketRow, listTickets, ticketListFilter } from "../../domain/tickets";
import { uploadIdsInput } from "../../domain/uploads";
import { agentProcedure, router } from "../trpc";

const id = z.number().int().positive();

export const ticketListInput = z.object({
  filter: z.enum(ticketListFilter).default("open"),
  queueId: id.optional(),
  limit: z.number().int().min(1).max(500).default(200),
});

export const ticketCreateInput = z.object({
  title: z.string().trim().min(1, "Subject is required").max(300),
  queueId: id,
  customerEmail: z.string().trim().email("Enter a valid e-mail address").max(320),
  customerName: z.string().trim().max(200).optional(),
  body: z.string().trim().min(1, "The first text is required").max(100_000),
  uploadIds: uploadIdsInput,
  /** Send the first text as an e-mail (C4). */
  sendMail: z
    .object({
      accountId: id.optional(),
      cc: z.array(z.string().trim().email("Enter valid e-mail addresses")).max(50).default([]),
      bcc: z.array(z.string().trim().email("Enter valid e-mail addresses")).max(50).default([]),
    })
    .optional(),
});

export const ticketSetStatusInput = z.object({ ticketId: id, statusId: id });

export const ticketRouter = router({
  list: agentProcedure.input(ticketListInput).query(({ ctx, input }) => listTickets(ctx.deps.db, ctx.actor, input)),
  get: agentProcedure
    .input(z.object({ ticketId: id }))
    .query(({ ctx, input }) => getTicketRow(ctx.deps.db, ctx.actor, input.ticketId)),
  create: agentProcedure.input(ticketCreateInput).mutation(async ({ ctx, input }) => {
    const t = await createTicket(ctx.deps, ctx.actor, input);
    return { id: t.id, number: t.number };
  }),
  setStatus: agentProcedure.input(ticketSetStatusInput).mutation(async ({ ctx, input }) => {
    await changeStatus(ctx.deps, ctx.actor, input);
    return { ok: true };
  }),
  /** Active mail accounts an agent may send a new ticket's first mail from. */
  senders: agentProcedure.input(z.object({}).optional()).query(({ ctx }) =>
    ctx.deps.db
      .select({ id: mailAccounts.id, address: mailAccounts.address, senderName: mailAccounts.senderName })
      .from(mailAccounts)
      .where(eq(mailAccounts.active, true))
      .orderBy(asc(mailAccounts.address)),
  ),
  /** Queues with their statuses, for filters, the create form and the status picker. */
  queues: agentProcedure.input(z.object({}).optional()).query(async ({ ctx }) => {
    const [qs, ss] = await Promise.all([
      ctx.deps.db.select().from(queues).orderBy(asc(queues.position), asc(queues.id)),
      ctx.deps.db.select().from(statuses).orderBy(asc(statuses.position), asc(statuses.id)),
    ]);
    return qs.map((q) => ({ ...q, statuses: ss.filter((s) => s.queueId === q.id) }));
  }),
});
