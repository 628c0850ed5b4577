import { z } from "zod";
import {
  AUTORESPONDER_TEXT_MAX, listQueueMailSettings, NOTIFY_EMAILS_MAX, QUEUE_GREETING_MAX, QUEUE_SIGNATURE_MAX, quotingModes, updateQueueMailSettings,
} from "../../domain/mail/queue-mail-settings";
import { createQueue, deleteQueue, listQueueConfig, listQueueOptions, moveQueue, updateQueue } from "../../domain/config/queues";
import { CONFIG_NAME_MAX, QUEUE_DESCRIPTION_MAX, QUEUE_GROUP_MAX } from "../../domain/config/shared";
import { adminProcedure, agentProcedure, router } from "../trpc";

const blankToNull = (v: string | null | undefined): string | null => {
  const t = v?.trim() ?? "";
  return t === "" ? null : t;
};

const isAddress = (a: string) => z.email().safeParse(a).success;

/** A text area's text: trimmed, blank = null, at most `max` characters. */
const optionalText = (what: string, max: number) =>
  z
    .string({ error: `Enter the ${what} or leave it empty` })
    .nullish()
    .transform(blankToNull)
    .pipe(z.string().max(max, `The ${what} is too long (at most ${max} characters)`).nullable());

export const queueMailSettingsInput = z.object({
  queueId: z.number({ error: "Missing queue id" }).int().positive("Missing queue id"),
  /** Empty: the first active mail account. */
  senderAccountId: z
    .number({ error: "Choose a mail account" })
    .int("Choose a mail account")
    .positive("Choose a mail account")
    .nullish()
    .transform((v) => v ?? null),
  autoresponderEnabled: z.boolean({ error: "Autoresponder must be on or off" }),
  /** Empty: the built-in text (server/domain/mail/auto-mail.ts). */
  autoresponderText: optionalText("autoresponder text", AUTORESPONDER_TEXT_MAX),
  quoting: z.enum(quotingModes, { error: "Choose how much of the conversation a reply quotes" }),
  /** Trimmed, lower-cased and de-duplicated before they are checked. */
  notifyEmails: z
    .array(z.string({ error: "Enter e-mail addresses" }).max(320, "An address is too long"), { error: "Enter e-mail addresses" })
    .max(1000, `Enter at most ${NOTIFY_EMAILS_MAX} addresses`)
    .default([])
    .transform((list) => [...new Set(list.map((a) => a.trim().toLowerCase()).filter(Boolean))])
    .superRefine((list, ctx) => {
      const bad = list.filter((a) => !isAddress(a));
      if (bad.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: bad.length === 1 ? `Not a valid e-mail address: ${bad[0]}` : `Not valid e-mail addresses: ${bad.join(", ")}`,
        });
      }
      if (list.length > NOTIFY_EMAILS_MAX) ctx.addIssue({ code: "custom", message: `Enter at most ${NOTIFY_EMAILS_MAX} addresses` });
    }),
  greeting: optionalText("greeting", QUEUE_GREETING_MAX),
  signature: optionalText("signature", QUEUE_SIGNATURE_MAX),
});

const queueId = z.number({ error: "Missing queue id" }).int().positive("Missing queue id");

/** A configuration entry's English name: required, trimmed. */
export const configName = z
  .string({ error: "The name is required" })
  .trim()
  .min(1, "The name is required")
  .max(CONFIG_NAME_MAX, `A name has at most ${CONFIG_NAME_MAX} characters`);
/** A German name (or other optional short text): blank = none. */
export const optionalName = optionalText("German name", CONFIG_NAME_MAX);

/** B1: what the queue form edits (the mail settings have their own form). */
export const queueConfigInput = z.object({
  name: configName,
  nameDe: optionalName,
  groupName: optionalText("group", QUEUE_GROUP_MAX),
  description: optionalText("description", QUEUE_DESCRIPTION_MAX),
  customersSeeEachOther: z.boolean({ error: "Choose yes or no" }).default(false),
  ownerOnFirstReply: z.boolean({ error: "Choose yes or no" }).default(true),
  reopenWithinDays: z.number({ error: "Whole days from 0 to 365" }).int("Whole days from 0 to 365").min(0, "Whole days from 0 to 365").max(365, "Whole days from 0 to 365").default(14),
});
export const queueUpdateInput = queueConfigInput.extend({ id: queueId });
export const queueMoveInput = z.object({ id: queueId, direction: z.enum(["up", "down"]) });
export const queueDeleteInput = z.object({
  id: queueId,
  /** Move the queue's tickets to this queue first (statuses mapped by category). */
  moveTicketsTo: z.number({ error: "Choose a queue" }).int().positive("Choose a queue").nullish(),
});

export const queueRouter = router({
  /** Every queue with its names, group, description, customer visibility and ticket count (admins). */
  list: adminProcedure.query(({ ctx }) => listQueueConfig(ctx.deps.db, ctx.actor)),
  /** The queues the user sees, for pickers and filters: names, group and hover hint. */
  options: agentProcedure.query(({ ctx }) => listQueueOptions(ctx.deps.db, ctx.actor)),
  /** A new queue with the default statuses; only admins see it until access is granted. */
  create: adminProcedure.input(queueConfigInput).mutation(({ ctx, input }) => createQueue(ctx.deps.db, ctx.actor, input)),
  update: adminProcedure.input(queueUpdateInput).mutation(({ ctx, input: { id, ...values } }) => updateQueue(ctx.deps.db, ctx.actor, id, values)),
  move: adminProcedure.input(queueMoveInput).mutation(({ ctx, input }) => moveQueue(ctx.deps.db, ctx.actor, input.id, input.direction)),
  /** Refused with the ticket count while the queue has tickets, unless they move to `moveTicketsTo`. */
  delete: adminProcedure
    .input(queueDeleteInput)
    .mutation(({ ctx, input }) => deleteQueue(ctx.deps, ctx.actor, { queueId: input.id, moveTicketsTo: input.moveTicketsTo })),
  /** Every queue with its mail settings (sender account, autoresponder, quoting, notify list, greeting, signature). */
  mailSettings: adminProcedure.query(({ ctx }) => listQueueMailSettings(ctx.deps.db, ctx.actor)),
  updateMailSettings: adminProcedure.input(queueMailSettingsInput).mutation(({ ctx, input }) => {
    const { queueId, ...settings } = input;
    return updateQueueMailSettings(ctx.deps.db, ctx.actor, queueId, settings);
  }),
});
