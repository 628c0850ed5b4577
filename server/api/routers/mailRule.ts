import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { queues, statuses } from "../../../db/schema";
import { AppError } from "../../domain/errors";
import { MailParseError, parseMail } from "../../domain/mail/parse-mail";
import {
  MAX_PATTERN_LENGTH, MAX_PRIORITY, MAX_TAG_LENGTH, MAX_TAGS, MIN_PRIORITY, RULE_MATCH, RULE_MODES, RULE_OPS,
  fieldError, matchRule, regexError, ruleInputOf,
} from "../../domain/mail/rules";
import {
  createRule, deleteRule, listRules, loadActiveRules, moveRule, reorderRules, setRuleActive, updateRule,
} from "../../domain/mail/rules-store";
import { adminProcedure, router } from "../trpc";

const id = z.number().int().positive();

/**
 * The error formatter flattens zod errors by the first path segment only; this keeps the
 * whole path as the key (`conditions.1.value`), so the form can put each message beside its
 * field. Types stay those of the wrapped schema.
 */
function withDottedPaths<T extends z.ZodType>(schema: T): z.ZodType<z.output<T>, z.input<T>> {
  return z.unknown().transform((value, ctx) => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path.length ? [issue.path.join(".")] : [] });
    }
    return z.NEVER;
  }) as unknown as z.ZodType<z.output<T>, z.input<T>>;
}

export const mailRuleConditionInput = z
  .object({
    /** "from" | "to" (To and Cc) | "subject" | "body" | "header:<Name>" */
    field: z.string().trim(),
    op: z.enum(RULE_OPS, { error: "Choose contains, equals or regex" }),
    value: z
      .string()
      .min(1, "Enter a value")
      .max(MAX_PATTERN_LENGTH, `A value has at most ${MAX_PATTERN_LENGTH} characters`),
  })
  .superRefine((c, ctx) => {
    const field = fieldError(c.field);
    if (field) ctx.addIssue({ code: "custom", path: ["field"], message: field });
    const re = c.op === "regex" ? regexError(c.value) : null;
    if (re) ctx.addIssue({ code: "custom", path: ["value"], message: re });
  });

export const mailRuleActionsInput = z.object({
  mode: z.enum(RULE_MODES, { error: "Choose create, append or ignore" }),
  queueId: id.optional(),
  statusId: id.optional(),
  priority: z
    .number()
    .int()
    .min(MIN_PRIORITY, `A priority is from ${MIN_PRIORITY} to ${MAX_PRIORITY}`)
    .max(MAX_PRIORITY, `A priority is from ${MIN_PRIORITY} to ${MAX_PRIORITY}`)
    .optional(),
  tags: z
    .array(
      z
        .string()
        .trim()
        .min(1, "A tag cannot be empty")
        .max(MAX_TAG_LENGTH, `A tag has at most ${MAX_TAG_LENGTH} characters`),
    )
    .max(MAX_TAGS, `At most ${MAX_TAGS} tags`)
    .optional(),
});

export const mailRuleDraftInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(200, "A name has at most 200 characters"),
  active: z.boolean().default(true),
  match: z.enum(RULE_MATCH).default("all"),
  conditions: z.array(mailRuleConditionInput).min(1, "Add at least one condition").max(50, "At most 50 conditions"),
  actions: mailRuleActionsInput,
});

export const mailRuleCreateInput = withDottedPaths(mailRuleDraftInput);
export const mailRuleUpdateInput = withDottedPaths(mailRuleDraftInput.extend({ id }));
export const mailRuleIdInput = z.object({ id });
export const mailRuleSetActiveInput = z.object({ id, active: z.boolean() });
export const mailRuleMoveInput = z.object({ id, direction: z.enum(["up", "down"]) });
export const mailRuleReorderInput = z.object({ ids: z.array(id).max(10_000) });
/** A pasted mail (RFC 822 source); the limit is well above any mail worth pasting. */
export const mailRuleDryRunInput = z.object({
  raw: z.string().min(1, "Paste a mail's source").max(5_000_000, "This mail is too large to paste"),
});

/** A domain error about one field becomes a field error, like zod's, so the form can show it. */
async function withFieldErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const field = err instanceof AppError && err.code === "INVALID" ? err.details?.field : undefined;
    if (typeof field !== "string") throw err;
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: err instanceof Error ? err.message : "Invalid input",
      cause: new z.ZodRealError([{ code: "custom", path: [field], message: (err as Error).message }]),
    });
  }
}

export const mailRuleRouter = router({
  /** All rules in the order they run. */
  list: adminProcedure.query(({ ctx }) => listRules(ctx.deps.db, ctx.actor)),
  create: adminProcedure
    .input(mailRuleCreateInput)
    .mutation(({ ctx, input }) => withFieldErrors(() => createRule(ctx.deps.db, ctx.actor, input))),
  update: adminProcedure
    .input(mailRuleUpdateInput)
    .mutation(({ ctx, input: { id: ruleId, ...draft } }) =>
      withFieldErrors(() => updateRule(ctx.deps.db, ctx.actor, ruleId, draft)),
    ),
  setActive: adminProcedure
    .input(mailRuleSetActiveInput)
    .mutation(({ ctx, input }) => setRuleActive(ctx.deps.db, ctx.actor, input.id, input.active)),
  delete: adminProcedure.input(mailRuleIdInput).mutation(async ({ ctx, input }) => {
    await deleteRule(ctx.deps.db, ctx.actor, input.id);
    return { ok: true };
  }),
  move: adminProcedure
    .input(mailRuleMoveInput)
    .mutation(({ ctx, input }) => moveRule(ctx.deps.db, ctx.actor, input.id, input.direction)),
  reorder: adminProcedure
    .input(mailRuleReorderInput)
    .mutation(({ ctx, input }) => reorderRules(ctx.deps.db, ctx.actor, input.ids)),
  /** Which active rule a pasted mail would meet, and what it would do; nothing is stored. */
  dryRun: adminProcedure.input(mailRuleDryRunInput).mutation(async ({ ctx, input }) => {
    let parsed;
    try {
      parsed = await parseMail(Buffer.from(input.raw));
    } catch (err) {
      if (!(err instanceof MailParseError)) throw err;
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `The mail could not be read: ${err.message}`,
        cause: new z.ZodRealError([{ code: "custom", path: ["raw"], message: `The mail could not be read: ${err.message}` }]),
      });
    }
    const mail = ruleInputOf(parsed);
    const hit = matchRule(await loadActiveRules(ctx.deps.db), mail);
    const db = ctx.deps.db;
    const queueId = hit?.actions.queueId;
    const statusId = hit?.actions.statusId;
    const [queue] = queueId ? await db.select({ name: queues.name }).from(queues).where(eq(queues.id, queueId)) : [];
    const [status] = statusId ? await db.select({ name: statuses.name }).from(statuses).where(eq(statuses.id, statusId)) : [];
    return {
      mail: { from: mail.from, to: mail.to, cc: mail.cc, subject: mail.subject, headerCount: mail.headers.length },
      match: hit
        ? {
            ruleId: hit.rule.id,
            ruleName: hit.rule.name,
            actions: hit.actions,
            queueName: queue?.name ?? null,
            statusName: status?.name ?? null,
          }
        : null,
    };
  }),
});
