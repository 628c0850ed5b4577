import { z } from "zod";
import {
  AUTORESPONDER_TEXT_MAX, listQueueMailSettings, NOTIFY_EMAILS_MAX, QUEUE_GREETING_MAX, QUEUE_SIGNATURE_MAX, quotingModes, updateQueueMailSettings,
} from "../../domain/queues";
import { adminProcedure, router } from "../trpc";

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

export const queueRouter = router({
  /** Every queue with its mail settings (sender account, autoresponder, quoting, notify list, greeting, signature). */
  mailSettings: adminProcedure.query(({ ctx }) => listQueueMailSettings(ctx.deps.db, ctx.actor)),
  updateMailSettings: adminProcedure.input(queueMailSettingsInput).mutation(({ ctx, input }) => {
    const { queueId, ...settings } = input;
    return updateQueueMailSettings(ctx.deps.db, ctx.actor, queueId, settings);
  }),
});
