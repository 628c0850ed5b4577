import { eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import {
  attachments, inboundMails, mailAccounts, quarantinedMails, ticketEntries, tickets,
} from "../../../db/schema";
import { ticketNumberFromSubject } from "../../../lib/mail-address";
import { findOrCreateContact } from "../contacts";
import type { Deps, DomainEvent } from "../events";
import { defaultQueueId, initialStatusId } from "../tickets";
import { MailParseError, parseMail, sha256, type ParsedMail } from "./parse-mail";

export interface RawMailInput {
  source: "imap" | "smtp" | "file";
  accountId?: number | null;
  uidValidity?: number | null;
  uid?: number | null;
  /** File name (ingest CLI) or envelope sender (SMTP), for the admin's benefit. */
  origin?: string | null;
  raw: Buffer;
}

export type IngestStatus = "created" | "appended" | "duplicate" | "ignored" | "quarantined";

export interface IngestResult {
  status: IngestStatus;
  inboundMailId: number | null;
  ticketId: number | null;
  ticketNumber: number | null;
  entryId: number | null;
  fromEmail: string | null;
  subject: string | null;
  attachments: { filename: string; contentType: string; size: number }[];
  reason: string | null;
}

/**
 * The one pipeline every inbound mail goes through (IMAP, demo SMTP, `npm run ingest`):
 * store the raw source first, then parse, thread, and create or append. Idempotent by
 * account + UIDVALIDITY + UID and by Message-ID. A mail that cannot be handled is
 * quarantined with the reason; this function does not throw for bad mail.
 */
export async function ingestRawMail(deps: Deps, input: RawMailInput): Promise<IngestResult> {
  const empty = {
    inboundMailId: null, ticketId: null, ticketNumber: null, entryId: null, fromEmail: null,
    subject: null, attachments: [], reason: null,
  };
  const [stored] = await deps.db
    .insert(inboundMails)
    .values({
      source: input.source,
      accountId: input.accountId ?? null,
      uidValidity: input.uidValidity ?? null,
      uid: input.uid ?? null,
      origin: input.origin ?? null,
      raw: input.raw,
      sha256: sha256(input.raw),
    })
    .onConflictDoNothing()
    .returning({ id: inboundMails.id });
  if (!stored) return { ...empty, status: "duplicate", reason: "this mailbox UID was already imported" };

  let parsed: ParsedMail;
  try {
    parsed = await parseMail(input.raw);
  } catch (err) {
    const reason = err instanceof MailParseError ? err.message : `parser failed: ${(err as Error).message}`;
    return quarantine(deps.db, stored.id, reason, empty);
  }
  const summary = {
    ...empty,
    inboundMailId: stored.id,
    fromEmail: parsed.from?.address ?? null,
    subject: parsed.subject,
    attachments: parsed.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
  };
  try {
    const { result, events } = await deps.db.transaction((tx) =>
      threadAndStore(tx, deps, stored.id, input.accountId ?? null, parsed),
    );
    deps.publish(events);
    return { ...summary, ...result };
  } catch (err) {
    return quarantine(deps.db, stored.id, `could not be stored: ${(err as Error).message}`, summary);
  }
}

async function quarantine(db: DbOrTx, inboundMailId: number, reason: string, base: Omit<IngestResult, "status">) {
  await db.transaction(async (tx) => {
    await tx.update(inboundMails).set({ status: "quarantined", reason }).where(eq(inboundMails.id, inboundMailId));
    await tx.insert(quarantinedMails).values({ inboundMailId, reason }).onConflictDoNothing();
  });
  return { ...base, inboundMailId, status: "quarantined" as const, reason };
}

type Outcome = Pick<IngestResult, "status" | "ticketId" | "ticketNumber" | "entryId" | "reason">;

async function threadAndStore(
  tx: DbOrTx,
  deps: Deps,
  inboundId: number,
  accountId: number | null,
  mail: ParsedMail,
): Promise<{ result: Outcome; events: DomainEvent[] }> {
  const mark = async (o: Outcome) => {
    await tx
      .update(inboundMails)
      .set({ status: o.status, reason: o.reason, ticketId: o.ticketId, entryId: o.entryId, messageId: mail.messageId })
      .where(eq(inboundMails.id, inboundId));
    return o;
  };
  const none = { ticketId: null, ticketNumber: null, entryId: null };

  if (mail.messageId) {
    // Serialise mails with the same Message-ID (the same mail fetched by two paths at once).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${mail.messageId}))`);
    const [seen] = await tx
      .select({ ticketId: ticketEntries.ticketId, entryId: ticketEntries.id, number: tickets.number })
      .from(ticketEntries)
      .innerJoin(tickets, eq(tickets.id, ticketEntries.ticketId))
      .where(eq(ticketEntries.messageId, mail.messageId))
      .limit(1);
    if (seen) {
      const result = await mark({
        status: "duplicate", ticketId: seen.ticketId, ticketNumber: seen.number, entryId: seen.entryId,
        reason: `Message-ID ${mail.messageId} is already on ticket ${seen.number}`,
      });
      return { result, events: [] };
    }
  }

  if (mail.from && (await isOwnAddress(tx, deps.fallbackFrom, mail.from.address))) {
    const result = await mark({ ...none, status: "ignored", reason: "sent from one of our own addresses (mail loop)" });
    return { result, events: [] };
  }

  const existing = await findThreadTicket(tx, mail);
  const contact = mail.from ? await findOrCreateContact(tx, mail.from.address, mail.from.name) : null;
  const events: DomainEvent[] = [];
  let ticket = existing;
  if (!ticket) {
    const [account] = accountId ? await tx.select().from(mailAccounts).where(eq(mailAccounts.id, accountId)) : [];
    const queueId = account?.queueId ?? (await defaultQueueId(tx));
    [ticket] = await tx
      .insert(tickets)
      .values({
        title: mail.subject || "(no subject)",
        queueId,
        statusId: await initialStatusId(tx, queueId),
        contactId: contact?.id ?? null,
        createdAt: new Date(),
      })
      .returning();
    events.push({ type: "ticket.created", ticketId: ticket.id, queueId });
  } else {
    [ticket] = await tx
      .update(tickets)
      .set({ version: sql`${tickets.version} + 1`, updatedAt: new Date(), lastEntryAt: new Date() })
      .where(eq(tickets.id, ticket.id))
      .returning();
  }
  const [entry] = await tx
    .insert(ticketEntries)
    .values({
      ticketId: ticket.id,
      kind: "customer_mail",
      authorContactId: contact?.id ?? null,
      subject: mail.subject,
      bodyText: mail.text,
      bodyHtml: mail.html,
      fromEmail: mail.from?.address ?? null,
      toEmails: mail.to,
      ccEmails: mail.cc,
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo,
      references: mail.references,
    })
    .returning({ id: ticketEntries.id });
  if (mail.attachments.length) {
    await tx.insert(attachments).values(
      mail.attachments.map((a) => ({
        entryId: entry.id, filename: a.filename, contentType: a.contentType, size: a.size,
        sha256: a.sha256, contentId: a.contentId, content: a.content,
      })),
    );
  }
  events.push({ type: "entry.created", ticketId: ticket.id, queueId: ticket.queueId, entryId: entry.id });
  if (existing) events.push({ type: "ticket.changed", ticketId: ticket.id, queueId: ticket.queueId, version: ticket.version });
  const result = await mark({
    status: existing ? "appended" : "created",
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    entryId: entry.id,
    reason: null,
  });
  return { result, events };
}

/** `[Ticket#N]` in the subject first, then In-Reply-To/References against every stored Message-ID. */
async function findThreadTicket(tx: DbOrTx, mail: ParsedMail) {
  const number = ticketNumberFromSubject(mail.subject);
  if (number !== null) {
    const [t] = await tx.select().from(tickets).where(eq(tickets.number, number));
    if (t) return t;
  }
  const ids = [mail.inReplyTo, ...mail.references].filter((v): v is string => !!v);
  if (ids.length === 0) return null;
  const [hit] = await tx
    .select({ ticketId: ticketEntries.ticketId })
    .from(ticketEntries)
    .where(inArray(ticketEntries.messageId, ids))
    .orderBy(sql`${ticketEntries.createdAt} desc`)
    .limit(1);
  if (!hit) return null;
  const [t] = await tx.select().from(tickets).where(eq(tickets.id, hit.ticketId));
  return t ?? null;
}

async function isOwnAddress(tx: DbOrTx, fallbackFrom: string, address: string): Promise<boolean> {
  if (address.toLowerCase() === fallbackFrom.toLowerCase()) return true;
  const [own] = await tx
    .select({ id: mailAccounts.id })
    .from(mailAccounts)
    .where(sql`lower(${mailAccounts.address}) = lower(${address})`)
    .limit(1);
  return !!own;
}
