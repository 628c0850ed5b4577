import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "../../db/client";
import { attachments, mailAccounts, outbox, type OutboxMail } from "../../db/schema";
import { redactAccountMailText } from "../../server/domain/mail/account-mail";
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
      return nodemailer.createTransport({ host: "127.0.0.1", port: demoCatcherPort, secure: false, ignoreTLS: true, socketTimeout: 60_000 });
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

/**
 * Mail we send by ourselves says so, so that other systems do not answer it (RFC 3834).
 * Account mails (invitation, password reset) belong to no ticket and are machine-made too.
 */
const autoSubmitted = {
  reply: "no", new_ticket: "no", autoresponse: "auto-replied", notification: "auto-generated", account: "auto-generated",
} as const;

/** An account mail's link is a login: once the mail is out (or given up), the stored copy loses it. */
const redacted = (mail: OutboxMail, done: boolean) =>
  mail.kind === "account" && done ? { bodyText: redactAccountMailText(mail.bodyText) } : {};

export interface DeliverOptions {
  final: boolean;
  /** Test mode: every outgoing mail goes to this address instead of its recipients. */
  testModeAddress: string | null;
  /** See OUTBOX_LEASE_SECONDS in server/env.ts. */
  leaseSeconds?: number;
}

/**
 * How long a claim on a mail lasts. A worker killed mid-send leaves the row in `sending`;
 * after the lease another worker may take it. SMTP timeouts (connection-options.ts) keep
 * every live send well inside it, so a live send is never taken over.
 */
export const DEFAULT_LEASE_SECONDS = 300;

/**
 * Sends one queued mail in three steps, none holding a transaction across the network:
 * claim (`sending`, committed), SMTP, record the outcome. The claim is one UPDATE, so two
 * workers never send a mail at once, and no connection waits on a slow SMTP server.
 *
 * A crash before SMTP accepted leaves the row claimed; after the lease it is sent, once. The
 * only window for a second copy is between the server's final 250 and our commit (a few
 * milliseconds); that copy carries the same Message-ID, which receivers (and our own
 * ingest) treat as the same mail.
 *
 * A temporary failure puts the mail back in the queue and throws, so the job is retried
 * (`final`: the last retry marks it failed); a permanent refusal marks it failed at once.
 */
export async function deliverOutboxMail(
  db: Db,
  transportFor: TransportFor,
  outboxId: number,
  opts: DeliverOptions,
): Promise<"sent" | "skipped" | "failed"> {
  const [mail] = await db
    .update(outbox)
    .set({ status: "sending", sendingSince: new Date(), attempts: sql`${outbox.attempts} + 1` })
    .where(and(eq(outbox.id, outboxId), claimable(opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS)))
    .returning();
  if (!mail) return "skipped";
  try {
    const transport = await transportFor(mail.accountId);
    await sendAndClose(transport, {
      ...(await envelope(db, mail, opts.testModeAddress)),
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
  } catch (err) {
    const permanent = isPermanentRejection(err);
    await db
      .update(outbox)
      .set({
        status: opts.final || permanent ? "failed" : "queued", sendingSince: null, lastError: (err as Error).message,
        ...redacted(mail, opts.final || permanent),
      })
      .where(and(eq(outbox.id, mail.id), eq(outbox.status, "sending")));
    // No retry for a final "no": the job ends here, and an agent sends it again once fixed.
    if (permanent) return "failed";
    throw err;
  }
  await db
    .update(outbox)
    .set({ status: "sent", sentAt: new Date(), sendingSince: null, lastError: null, ...redacted(mail, true) })
    .where(eq(outbox.id, mail.id));
  return "sent";
}

/**
 * The server refused the recipients or the message for good (a 5xx reply, RFC 5321 4.2.1):
 * an hour of retries would get the same answer, so the mail fails at once and the agent sees
 * why. Connection, TLS and login problems and 4xx replies stay temporary and are retried.
 */
export function isPermanentRejection(err: unknown): boolean {
  const e = err as { code?: unknown; responseCode?: unknown } | null;
  return (
    (e?.code === "EENVELOPE" || e?.code === "EMESSAGE") &&
    typeof e.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600
  );
}

/** Rows a worker may take: waiting ones, and claims whose worker died (lease over). */
const claimable = (leaseSeconds: number) => or(inArray(outbox.status, ["queued", "failed"]), leaseOver(leaseSeconds));
const leaseOver = (leaseSeconds: number) =>
  and(eq(outbox.status, "sending"), lt(outbox.sendingSince, sql`now() - make_interval(secs => ${leaseSeconds})`));

/**
 * Sender, recipients (all to the test address in test mode) and the entry's attachments that
 * the customer may see: internal ones (D7) never leave the house.
 */
async function envelope(db: Db, mail: OutboxMail, testModeAddress: string | null) {
  const files = mail.entryId
    ? await db
        .select({ filename: attachments.filename, contentType: attachments.contentType, content: attachments.content, contentId: attachments.contentId })
        .from(attachments)
        .where(and(eq(attachments.entryId, mail.entryId), eq(attachments.visibility, "customer")))
        .orderBy(attachments.id)
    : [];
  return {
    from: mail.fromName ? { name: mail.fromName, address: mail.fromEmail } : mail.fromEmail,
    ...(testModeAddress
      ? { to: [testModeAddress] }
      : {
          to: mail.toEmails,
          cc: mail.ccEmails.length ? mail.ccEmails : undefined,
          bcc: mail.bccEmails.length ? mail.bccEmails : undefined,
        }),
    replyTo: mail.replyTo ?? undefined,
    // A file with a Content-ID is an inline image of the HTML part (`cid:` in the text).
    attachments: files.map((f) => ({ filename: f.filename, contentType: f.contentType, content: f.content, ...(f.contentId ? { cid: f.contentId } : {}) })),
  };
}

/**
 * Mails whose job may have been lost: queued and never tried (crash between commit and
 * enqueue; `again: false`), or claimed by a worker that died (lease over; `again: true`:
 * the dead worker's job stays active in pg-boss until it expires, so the sweep sends these
 * itself). Mails that failed an attempt are left to pg-boss's retries.
 */
export async function staleOutboxIds(
  db: Db,
  olderThanSeconds: number,
  leaseSeconds = DEFAULT_LEASE_SECONDS,
): Promise<{ id: number; again: boolean }[]> {
  const rows = await db
    .select({ id: outbox.id, status: outbox.status })
    .from(outbox)
    .where(
      or(
        and(eq(outbox.status, "queued"), eq(outbox.attempts, 0), lt(outbox.createdAt, sql`now() - make_interval(secs => ${olderThanSeconds})`)),
        leaseOver(leaseSeconds),
      ),
    )
    .limit(500);
  return rows.map((r) => ({ id: r.id, again: r.status === "sending" }));
}
