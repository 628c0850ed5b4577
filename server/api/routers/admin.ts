import { z } from "zod";
import { desc, eq, isNull, sql } from "drizzle-orm";
import { discardQuarantinedMail, retryQuarantinedMail } from "../../domain/mail/quarantine";
import { caughtMails, inboundMails, outbox, quarantinedMails } from "../../../db/schema";
import { adminProcedure, router } from "../trpc";

const page = z.object({ limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 });

export const adminRouter = router({
  /** Outgoing mail and its delivery state. */
  outbox: adminProcedure.input(page).query(({ ctx, input }) =>
    ctx.deps.db
      .select({
        id: outbox.id, ticketId: outbox.ticketId, toEmails: outbox.toEmails, subject: outbox.subject,
        status: outbox.status, attempts: outbox.attempts, lastError: outbox.lastError,
        messageId: outbox.messageId, createdAt: outbox.createdAt, sentAt: outbox.sentAt,
      })
      .from(outbox)
      .orderBy(desc(outbox.id))
      .limit(input.limit),
  ),
  /** Demo mode: what the local SMTP catcher received, with every header. */
  caughtMails: adminProcedure.input(page).query(({ ctx, input }) =>
    ctx.deps.db
      .select({
        id: caughtMails.id, envelopeFrom: caughtMails.envelopeFrom, envelopeTo: caughtMails.envelopeTo,
        subject: caughtMails.subject, headers: caughtMails.headers, text: caughtMails.text, receivedAt: caughtMails.receivedAt,
      })
      .from(caughtMails)
      .orderBy(desc(caughtMails.id))
      .limit(input.limit),
  ),
  /** Mails that could not be turned into tickets, with the reason; raw bytes stay on the server. */
  quarantine: adminProcedure.input(page).query(({ ctx, input }) =>
    ctx.deps.db
      .select({
        id: quarantinedMails.id, reason: quarantinedMails.reason, createdAt: quarantinedMails.createdAt,
        inboundMailId: inboundMails.id, source: inboundMails.source, origin: inboundMails.origin,
        size: sql<number>`octet_length(${inboundMails.raw})`,
      })
      .from(quarantinedMails)
      .innerJoin(inboundMails, eq(inboundMails.id, quarantinedMails.inboundMailId))
      .where(isNull(quarantinedMails.resolvedAt))
      .orderBy(desc(quarantinedMails.id))
      .limit(input.limit),
  ),
  /** Run a quarantined mail through the pipeline again; it leaves quarantine when it is filed. */
  quarantineRetry: adminProcedure.input(z.object({ id: z.number().int().positive() })).mutation(async ({ ctx, input }) => {
    const r = await retryQuarantinedMail(ctx.deps, ctx.actor, input.id);
    return { status: r.status, ticketNumber: r.ticketNumber, reason: r.reason };
  }),
  /** Drop a quarantined mail (its raw source stays stored). */
  quarantineDiscard: adminProcedure.input(z.object({ id: z.number().int().positive() })).mutation(async ({ ctx, input }) => {
    await discardQuarantinedMail(ctx.deps, ctx.actor, input.id);
    return { ok: true };
  }),
});
