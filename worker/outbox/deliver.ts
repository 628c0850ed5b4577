import { and, eq, inArray, lt, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "../../db/client";
import { mailAccounts, outbox } from "../../db/schema";
import { smtpOptions } from "../../server/domain/mail/connection-options";
import { guardMailHost } from "../../server/domain/mail/host-guard";

export type TransportFor = (accountId: number | null) => Promise<Transporter>;

/**
 * An SMTP transport for one send, built from the account as it is now (an admin may have
 * changed it) after the host guard: the connection goes to the checked address. Without an
 * account the mail goes to the demo catcher when the worker runs one, else it fails clearly.
 */
export function createTransportFactory(db: Db, appSecret: string, demoCatcherPort: number | null): TransportFor {
  return async (accountId) => {
    if (accountId === null) {
      if (!demoCatcherPort) throw new Error("No mail account is configured for sending");
      return nodemailer.createTransport({ host: "127.0.0.1", port: demoCatcherPort, secure: false, ignoreTLS: true });
    }
    const [a] = await db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
    if (!a) throw new Error(`Mail account ${accountId} no longer exists`);
    const target = await guardMailHost(db, a.smtpHost);
    const options = smtpOptions(a, appSecret);
    return nodemailer.createTransport({
      ...options,
      host: target.host,
      tls: target.servername ? { ...options.tls, servername: target.servername } : options.tls,
    });
  };
}

/** A transport serves one send; closing it ends its SMTP connection at once. */
async function sendAndClose(transport: Transporter, message: Parameters<Transporter["sendMail"]>[0]) {
  try {
    return await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

const bracket = (id: string) => `<${id}>`;

/** Mail we send by ourselves says so, so that other systems do not answer it (RFC 3834). */
const autoSubmitted = { reply: "no", new_ticket: "no", autoresponse: "auto-replied", notification: "auto-generated" } as const;

export interface DeliverOptions {
  final: boolean;
  /** Test mode: every outgoing mail goes to this address instead of its recipients. */
  testModeAddress: string | null;
}

/**
 * Sends one queued mail. The row is claimed with SKIP LOCKED so two workers never send it
 * twice; a failure is recorded and rethrown, and pg-boss retries with backoff.
 */
export async function deliverOutboxMail(
  db: Db,
  transportFor: TransportFor,
  outboxId: number,
  opts: DeliverOptions,
): Promise<"sent" | "skipped"> {
  const outcome = await db.transaction(async (tx) => {
    const [mail] = await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.id, outboxId), inArray(outbox.status, ["queued", "failed"])))
      .for("update", { skipLocked: true });
    if (!mail) return "skipped" as const;
    const recipients = opts.testModeAddress
      ? { to: [opts.testModeAddress], cc: undefined, bcc: undefined }
      : {
          to: mail.toEmails,
          cc: mail.ccEmails.length ? mail.ccEmails : undefined,
          bcc: mail.bccEmails.length ? mail.bccEmails : undefined,
        };
    try {
      const transport = await transportFor(mail.accountId);
      await sendAndClose(transport, {
        from: mail.fromName ? { name: mail.fromName, address: mail.fromEmail } : mail.fromEmail,
        ...recipients,
        replyTo: mail.replyTo ?? undefined,
        subject: mail.subject,
        text: mail.bodyText,
        html: mail.bodyHtml ?? undefined,
        messageId: bracket(mail.messageId),
        inReplyTo: mail.inReplyTo ? bracket(mail.inReplyTo) : undefined,
        references: mail.references.length ? mail.references.map(bracket).join(" ") : undefined,
        headers: {
          "Auto-Submitted": autoSubmitted[mail.kind],
          ...(opts.testModeAddress ? { "X-Original-To": [...mail.toEmails, ...mail.ccEmails].join(", ") } : {}),
        },
      });
      await tx
        .update(outbox)
        .set({ status: "sent", sentAt: new Date(), attempts: sql`${outbox.attempts} + 1`, lastError: null })
        .where(eq(outbox.id, mail.id));
      return { status: "sent" as const };
    } catch (err) {
      await tx
        .update(outbox)
        .set({
          status: opts.final ? "failed" : "queued",
          attempts: sql`${outbox.attempts} + 1`,
          lastError: (err as Error).message,
        })
        .where(eq(outbox.id, mail.id));
      return { status: "error" as const, error: err as Error };
    }
  });
  // Thrown outside the transaction so the recorded failure is committed.
  if (outcome === "skipped") return "skipped";
  if (outcome.status === "error") throw outcome.error;
  return "sent";
}

/**
 * Queued mails never tried, whose job may have been lost (crash between commit and enqueue).
 * Mails already tried are left to pg-boss's retry schedule.
 */
export async function staleQueuedOutboxIds(db: Db, olderThanSeconds: number): Promise<number[]> {
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, "queued"), eq(outbox.attempts, 0), lt(outbox.createdAt, sql`now() - make_interval(secs => ${olderThanSeconds})`)))
    .limit(500);
  return rows.map((r) => r.id);
}
