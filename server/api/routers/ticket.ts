import { z } from "zod";
import { FIELD_LIMITS } from "../../../lib/field-limits";
import { asc, eq } from "drizzle-orm";
import { mailAccounts, queues, statuses, ticketKind } from "../../../db/schema";
import { ticketFieldChoices } from "../../domain/tickets/ticket-extra-fields";
import { claimTicket } from "../../domain/tickets/ticket-claim";
import { changeStatus, createTicket, getTicketRow, listTickets, ticketListFilter, type CreateTicketInput } from "../../domain/tickets/tickets";
import { MAX_PRIORITY, MAX_TAG_LENGTH, MAX_TAGS, MIN_PRIORITY } from "../../domain/mail/rules";
import { canCreateTicketIn, canSeeQueue, canUseStatus } from "../../domain/permissions";
import { ownerOptions, updateTicketFields } from "../../domain/tickets/ticket-fields";
import { uploadIdsInput } from "../../domain/conversation/uploads";
import { agentProcedure, router } from "../trpc";

const id = z.number().int().positive();

export const ticketListInput = z.object({
  filter: z.enum(ticketListFilter).default("open"),
  queueId: id.optional(),
  limit: z.number().int().min(1).max(500).default(200),
});

/** A list of addresses (To/CC/BCC); each bad one is named in the field's error. */
const addressList = z.array(z.string().trim().max(320)).max(50, "At most 50 addresses").default([]);
const isAddress = (a: string) => z.email().safeParse(a).success;

/**
 * `customerEmail` is the ticket's customer and, with `sendMail`, the first To address of the
 * mail that opens the ticket (C4); `to`, `cc` and `bcc` add recipients. They are flat fields,
 * not one nested object, so that each one's error shows beside its own input.
 */
export const ticketCreateInput = z
  .object({
    title: z.string().trim().min(1, "errors.field.subjectRequired").max(FIELD_LIMITS.ticketTitle, "errors.field.tooLong"),
    queueId: id,
    /** C2: a phone request (default), a mail ticket (with `sendMail`) or an internal ticket. */
    kind: z.enum(ticketKind.enumValues).default("phone"),
    /** Required, except on an internal ticket. */
    customerEmail: z.union([z.literal(""), z.string().trim().email("errors.field.email").max(FIELD_LIMITS.email, "errors.field.tooLong")]).default(""),
    customerName: z.string().trim().max(200).optional(),
    body: z.string().trim().min(1, "The first text is required").max(100_000),
    uploadIds: uploadIdsInput,
    /** Send the first text as an e-mail (C4). */
    sendMail: z.boolean().default(false),
    /** The account it is sent from; without it, the queue's sender. */
    accountId: id.optional(),
    to: addressList,
    cc: addressList,
    bcc: addressList,
  })
  .superRefine((v, ctx) => {
    if (!v.customerEmail && v.kind !== "internal") ctx.addIssue({ code: "custom", path: ["customerEmail"], message: "Enter a valid e-mail address" });
    if (v.sendMail && v.kind === "internal") ctx.addIssue({ code: "custom", path: ["sendMail"], message: "An internal ticket sends no mail" });
    for (const field of ["to", "cc", "bcc"] as const) {
      const bad = v[field].filter((a) => !isAddress(a));
      if (bad.length) {
        ctx.addIssue({ code: "custom", path: [field], message: `Not a valid e-mail address: ${bad.join(", ")}` });
      } else if (v[field].length && !v.sendMail) {
        ctx.addIssue({ code: "custom", path: [field], message: "Only used when the first text is sent as an e-mail" });
      }
    }
  });

/** The router's flat input as the domain's: recipients only when the text is mailed. */
export function toCreateTicketInput(input: z.output<typeof ticketCreateInput>): CreateTicketInput {
  const { sendMail, accountId, to, cc, bcc, kind, customerEmail, ...rest } = input;
  return {
    ...rest,
    kind: sendMail ? "mail" : kind,
    customerEmail: customerEmail || null,
    sendMail: sendMail ? { accountId, to, cc, bcc } : undefined,
  };
}

export const ticketSetStatusInput = z.object({ ticketId: id, statusId: id });

/** The edit form (C1): only the fields given change. */
export const ticketUpdateInput = z.object({
  ticketId: id,
  title: z.string().trim().min(1, "errors.field.subjectRequired").max(FIELD_LIMITS.ticketTitle, "errors.field.tooLong").optional(),
  queueId: id.optional(),
  ownerId: id.nullable().optional(),
  priority: z.number().int().min(MIN_PRIORITY, `A priority is from ${MIN_PRIORITY} to ${MAX_PRIORITY}`).max(MAX_PRIORITY, `A priority is from ${MIN_PRIORITY} to ${MAX_PRIORITY}`).optional(),
  tags: z.array(z.string().trim().max(MAX_TAG_LENGTH, `A tag has at most ${MAX_TAG_LENGTH} characters`)).max(MAX_TAGS, `At most ${MAX_TAGS} tags`).optional(),
  coOwners: z.array(z.object({ userId: id, roleId: id.nullable() })).max(20, "At most 20 further owners").optional(),
  kind: z.enum(ticketKind.enumValues).optional(),
  confidential: z.boolean().optional(),
  billable: z.boolean().optional(),
  dueAt: z.date({ error: "Enter a date" }).nullable().optional(),
  followUpAt: z.date({ error: "Enter a date and time" }).nullable().optional(),
  externalRef: z.string().trim().max(200, "At most 200 characters").nullable().optional(),
  customerCc: z
    .array(z.string().trim().max(320))
    .max(20, "At most 20 addresses")
    .refine((list) => list.every(isAddress), { error: (issue) => `Not a valid e-mail address: ${(issue.input as string[]).filter((a) => !isAddress(a)).join(", ")}` })
    .optional(),
  brandId: id.nullable().optional(),
  categoryId: id.nullable().optional(),
  severityId: id.nullable().optional(),
  sourceId: id.nullable().optional(),
  serviceContractId: id.nullable().optional(),
});

export const ticketRouter = router({
  list: agentProcedure.input(ticketListInput).query(({ ctx, input }) => listTickets(ctx.deps.db, ctx.actor, input)),
  get: agentProcedure
    .input(z.object({ ticketId: id }))
    .query(({ ctx, input }) => getTicketRow(ctx.deps.db, ctx.actor, input.ticketId)),
  create: agentProcedure.input(ticketCreateInput).mutation(async ({ ctx, input }) => {
    const t = await createTicket(ctx.deps, ctx.actor, toCreateTicketInput(input));
    return { id: t.id, number: t.number };
  }),
  /** The ticket's fields (C1), saved from the edit form; only those given change; the edit lock is given back. */
  update: agentProcedure.input(ticketUpdateInput).mutation(async ({ ctx, input }) => {
    const t = await updateTicketFields(ctx.deps, ctx.actor, input);
    return { id: t.id, version: t.version };
  }),
  /** The configurable lists' options a ticket refers to, and the ticket roles (B4, B8, B9). */
  fieldChoices: agentProcedure.input(z.object({}).optional()).query(({ ctx }) => ticketFieldChoices(ctx.deps.db)),
  /** C10: take an unowned ticket; the customer may be told (admin setting). */
  claim: agentProcedure.input(z.object({ ticketId: id })).mutation(({ ctx, input }) => claimTicket(ctx.deps, ctx.actor, input.ticketId)),
  /** Who may own the ticket (A4). */
  ownerOptions: agentProcedure.input(z.object({ ticketId: id })).query(({ ctx, input }) => ownerOptions(ctx.deps.db, ctx.actor, input.ticketId)),
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
  /**
   * The queues the user sees, with their statuses, for filters, the create form and the
   * status picker; `canCreate`: the user may open tickets there (A3). Mail settings stay out.
   */
  queues: agentProcedure.input(z.object({}).optional()).query(async ({ ctx }) => {
    const [qs, ss] = await Promise.all([
      ctx.deps.db
        .select({ id: queues.id, name: queues.name, nameDe: queues.nameDe, description: queues.description, position: queues.position })
        .from(queues)
        .orderBy(asc(queues.position), asc(queues.id)),
      ctx.deps.db.select().from(statuses).orderBy(asc(statuses.position), asc(statuses.id)),
    ]);
    return qs
      .filter((q) => canSeeQueue(ctx.actor, q.id))
      .map((q) => ({
        ...q,
        canCreate: canCreateTicketIn(ctx.actor, q.id),
        // A7: statuses hidden from the user's role are not offered.
        statuses: ss.filter((s) => s.queueId === q.id && canUseStatus(ctx.actor, s)),
      }));
  }),
});
