import { and, eq, inArray, isNotNull, lt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import {
  attachments, inboundMails, mailAccounts, outbox, queues, quarantinedMails, ticketEntries, tickets,
  type MailAccount, type MailRuleActions, type Ticket,
} from "../../../db/schema";
import { storable, storableReason, storableText } from "../../../lib/storable-text";
import { ticketNumbersIn } from "../../../lib/ticket-references";
import { findOrCreateContact } from "../people/contacts";
import type { Deps, DomainEvent } from "../events";
import { involvedIn } from "../events";
import { withTagsAdded } from "../tickets/tags";
import { defaultQueueId, initialStatusId } from "../tickets/tickets";
import { customerAnswerEffect, customerSpoke, reopen } from "../tickets/ticket-workflow";
import { recordStructureChange } from "../tickets/ticket-structure-events";
import { queueNewTicketMails } from "./auto-mail";
import { MailParseError, sha256, type ParsedMail } from "./parse-mail";
import { parseMailIsolated } from "./parse-pool";
import { matchRule } from "./rules";
import { loadActiveRules } from "./rules-store";
import { notifyNewEntry } from "../notifications/notifications";

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
 * Processing a mail that began this often without finishing (the process died on it, or the
 * database kept refusing it) is not tried again: the mail is quarantined by id, unparsed, so it
 * never blocks its mailbox, the worker's start or a batch. An admin's retry still runs it.
 */
export const MAX_MAIL_ATTEMPTS = 3;

/** A result with nothing filed yet; each path fills in what it knows. */
const noResult: Omit<IngestResult, "status"> = {
  inboundMailId: null, ticketId: null, ticketNumber: null, entryId: null, fromEmail: null,
  subject: null, attachments: [], reason: null,
};

type Outcome = Pick<IngestResult, "status" | "ticketId" | "ticketNumber" | "entryId" | "reason">;

/**
 * The one pipeline every inbound mail goes through (IMAP, demo SMTP, `npm run ingest`):
 * store the raw source first, then parse (off the main thread, with size and time caps),
 * apply the mail rules, thread, and create or append. Idempotent by account + UIDVALIDITY +
 * UID and by Message-ID (for a mail without one, by the sha256 of its raw bytes). A mail that
 * cannot be handled is quarantined with the reason; this function does not throw for bad mail.
 * Every string taken from the mail is made storable (no NUL) before anything is written.
 */
export async function ingestRawMail(deps: Deps, input: RawMailInput): Promise<IngestResult> {
  const [stored] = await deps.db
    .insert(inboundMails)
    .values({
      source: input.source,
      accountId: input.accountId ?? null,
      uidValidity: input.uidValidity ?? null,
      uid: input.uid ?? null,
      origin: input.origin == null ? null : storableText(input.origin),
      raw: input.raw,
      sha256: sha256(input.raw),
    })
    .onConflictDoNothing()
    .returning({ id: inboundMails.id });
  if (stored) return processStoredMail(deps, stored.id, input.raw, input.accountId ?? null);
  // Seen before. If a crash cut the earlier run short after the raw mail was stored, finish it now.
  const [earlier] = await deps.db
    .select({ id: inboundMails.id, status: inboundMails.status })
    .from(inboundMails)
    .where(
      and(
        eq(inboundMails.accountId, input.accountId ?? -1),
        eq(inboundMails.uidValidity, input.uidValidity ?? -1),
        eq(inboundMails.uid, input.uid ?? -1),
      ),
    );
  if (earlier?.status === "received") return processStoredMail(deps, earlier.id, input.raw, input.accountId ?? null);
  return { ...noResult, inboundMailId: earlier?.id ?? null, status: "duplicate", reason: "this mailbox UID was already imported" };
}

/**
 * Raw mails stored but never filed (the process died in between, e.g. an SMTP delivery in
 * demo mode): filed now. Run at worker start; rows younger than a minute may still be in flight.
 * A mail that fails here (the database refused it) stays stranded with its attempt counted, and
 * the next one is filed: one mail never keeps the worker from starting.
 */
export async function fileStrandedMails(deps: Deps): Promise<number> {
  const stranded = await deps.db
    .select({ id: inboundMails.id, raw: inboundMails.raw, accountId: inboundMails.accountId })
    .from(inboundMails)
    .where(and(eq(inboundMails.status, "received"), lt(inboundMails.receivedAt, sql`now() - interval '1 minute'`)))
    .limit(1000);
  let filed = 0;
  for (const m of stranded) {
    try {
      await processStoredMail(deps, m.id, m.raw, m.accountId);
      filed++;
    } catch {
      // Counted in attempts; quarantined by id once MAX_MAIL_ATTEMPTS is reached.
    }
  }
  return filed;
}

/** Parses and files a stored raw mail; also used to retry a quarantined one. */
export async function processStoredMail(
  deps: Deps,
  inboundId: number,
  raw: Buffer,
  accountId: number | null,
  opts: { retry?: boolean } = {},
): Promise<IngestResult> {
  const base = { ...noResult, inboundMailId: inboundId };
  const [{ attempts }] = await deps.db
    .update(inboundMails)
    .set({ attempts: sql`${inboundMails.attempts} + 1` })
    .where(eq(inboundMails.id, inboundId))
    .returning({ attempts: inboundMails.attempts });
  if (attempts > MAX_MAIL_ATTEMPTS && !opts.retry) {
    const reason = `processing failed ${MAX_MAIL_ATTEMPTS} times without finishing (the process stopped or the database refused the mail); not tried again`;
    return quarantine(deps.db, inboundId, reason, base);
  }
  const [account] = accountId ? await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId)) : [];
  let parsed: ParsedMail;
  try {
    // The one boundary where a mail's strings become rows: from here on, all of them are storable.
    parsed = storable(await parseMailIsolated(raw, { maxBytes: account?.maxMessageBytes }));
  } catch (err) {
    const reason = err instanceof MailParseError ? err.message : `parser failed: ${(err as Error).message}`;
    return quarantine(deps.db, inboundId, reason, base);
  }
  const summary = {
    ...base,
    fromEmail: parsed.from?.address ?? null,
    subject: parsed.subject,
    attachments: parsed.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
  };
  try {
    const rules = await loadActiveRules(deps.db);
    const hit = matchRule(rules, {
      from: parsed.from?.address ?? null, to: parsed.to, cc: parsed.cc, subject: parsed.subject, text: parsed.text, headers: parsed.headers,
    });
    const { result, events, outboxIds } = await deps.db.transaction((tx) =>
      fileMail(tx, deps, inboundId, account ?? null, parsed, hit ? { name: hit.rule.name, ...hit.actions } : null, !!opts.retry),
    );
    deps.publish(events);
    for (const outboxId of outboxIds) await deps.jobs.enqueue("outbox.deliver", { outboxId });
    return { ...summary, ...result };
  } catch (err) {
    return quarantine(deps.db, inboundId, `could not be stored: ${(err as Error).message}`, summary);
  }
}

/** Never fails for what the mail holds: the reason (often a driver's error quoting the mail) is made storable and short. */
async function quarantine(db: DbOrTx, inboundMailId: number, why: string, base: Omit<IngestResult, "status">) {
  const reason = storableReason(why);
  await db.transaction(async (tx) => {
    await tx.update(inboundMails).set({ status: "quarantined", reason }).where(eq(inboundMails.id, inboundMailId));
    await tx
      .insert(quarantinedMails)
      .values({ inboundMailId, reason })
      .onConflictDoUpdate({ target: quarantinedMails.inboundMailId, set: { reason, resolvedAt: null } });
  });
  return { ...base, inboundMailId, status: "quarantined" as const, reason };
}

type RuleHit = MailRuleActions & { name: string };

async function fileMail(
  tx: DbOrTx,
  deps: Deps,
  inboundId: number,
  account: MailAccount | null,
  mail: ParsedMail,
  rule: RuleHit | null,
  retry: boolean,
): Promise<{ result: Outcome; events: DomainEvent[]; outboxIds: number[] }> {
  // A mail without Message-ID is recognised by its raw bytes instead (a mailbox read again
  // after a UIDVALIDITY change hands it over under new UIDs). That key is kept on the inbound
  // row only: it is no real Message-ID, so it never reaches entries, threading or replies.
  const dedupeKey = mail.messageId ?? (await contentKeyOf(tx, inboundId));
  const mark = async (o: Outcome) => {
    await tx
      .update(inboundMails)
      .set({ status: o.status, reason: o.reason, ticketId: o.ticketId, entryId: o.entryId, messageId: dedupeKey })
      .where(eq(inboundMails.id, inboundId));
    if (retry) await tx.update(quarantinedMails).set({ resolvedAt: new Date() }).where(eq(quarantinedMails.inboundMailId, inboundId));
    return o;
  };
  const none = { ticketId: null, ticketNumber: null, entryId: null };
  const nothing = { events: [], outboxIds: [] };

  // Serialise copies of one mail (the same mail fetched by two paths at once).
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${dedupeKey}))`);
  const seen = mail.messageId ? await entryWithMessageId(tx, mail.messageId) : await filedCopy(tx, dedupeKey, inboundId);
  if (seen) {
    const result = await mark({
      status: "duplicate", ticketId: seen.ticketId, ticketNumber: seen.number, entryId: seen.entryId,
      reason: mail.messageId
        ? `Message-ID ${mail.messageId} is already on ticket ${seen.number}`
        : `the same mail (without Message-ID) is already on ticket ${seen.number}`,
    });
    return { result, ...nothing };
  }

  if (mail.from && (await isOwnAddress(tx, deps.fallbackFrom, mail.from.address))) {
    const result = await mark({ ...none, status: "ignored", reason: "sent from one of our own addresses (mail loop)" });
    return { result, ...nothing };
  }
  if (rule?.mode === "ignore") {
    const result = await mark({ ...none, status: "ignored", reason: `ignored by mail rule "${rule.name}"` });
    return { result, ...nothing };
  }

  // A delivery report belongs to the ticket of the mail it reports on, and fails that mail.
  const bounced = mail.bounce?.originalMessageId ? await bouncedOutbox(tx, mail.bounce.originalMessageId) : null;
  if (bounced && mail.bounce) {
    const reason = [mail.bounce.status, mail.bounce.diagnostic].filter(Boolean).join(" ") || "delivery failed";
    await tx.update(outbox).set({ status: "failed", lastError: `Bounced: ${reason}` }).where(eq(outbox.id, bounced.id));
  }

  const threaded = bounced?.ticketId
    ? await followMerges(tx, bounced.ticketId)
    : rule?.mode === "create" ? null : await findThreadTicket(tx, mail);
  // A customer's answer reopens a pending or solved ticket, or, too late, opens a follow-up linked to it.
  const effect = threaded && !bounced ? await customerAnswerEffect(tx, threaded) : "none";
  const followUpOf = effect === "followUp" ? threaded : null;
  const existing = followUpOf ? null : threaded;
  const contact = mail.from && !bounced ? await findOrCreateContact(tx, mail.from.address, mail.from.name, mail.customerNumber) : null;
  const events: DomainEvent[] = [];
  let outboxIds: number[] = [];
  let ticket: Ticket;
  if (!existing) {
    const queueId = rule?.queueId ?? account?.queueId ?? (await defaultQueueId(tx));
    const [queue] = await tx.select().from(queues).where(eq(queues.id, queueId));
    const statusId = rule?.statusId ?? (account?.queueId === queueId ? account?.statusId : null) ?? (await initialStatusId(tx, queueId));
    [ticket] = await tx
      .insert(tickets)
      .values({
        title: mail.subject || "(no subject)",
        queueId,
        statusId,
        priority: rule?.priority ?? account?.priority ?? 2,
        contactId: contact?.id ?? null,
        customerNumber: mail.customerNumber,
        orderNumber: mail.orderNumber,
        invoiceNumber: mail.invoiceNumber,
        tags: rule?.tags ?? [],
        parentId: followUpOf?.id ?? null,
      })
      .returning();
    events.push({ type: "ticket.created", ticketId: ticket.id, queueId, involved: involvedIn(ticket) });
    if (followUpOf) {
      events.push(...(await recordStructureChange(tx, ticket.id, null, { structure: "parentSet", number: followUpOf.number })));
      events.push(...(await recordStructureChange(tx, followUpOf.id, null, { structure: "childAdded", number: ticket.number })));
    }
    if (!bounced) {
      outboxIds = await queueNewTicketMails(tx, deps.fallbackFrom, {
        ticket, queue, from: mail.from?.address ?? null, automatic: mail.automatic, subject: mail.subject,
        text: mail.text, messageId: mail.messageId,
      });
    }
  } else {
    [ticket] = await tx
      .update(tickets)
      .set({
        version: sql`${tickets.version} + 1`,
        updatedAt: new Date(),
        lastEntryAt: new Date(),
        customerNumber: sql`coalesce(${tickets.customerNumber}, ${mail.customerNumber})`,
        orderNumber: sql`coalesce(${tickets.orderNumber}, ${mail.orderNumber})`,
        invoiceNumber: sql`coalesce(${tickets.invoiceNumber}, ${mail.invoiceNumber})`,
        // A rule's tags apply to follow-ups too; queue, status and priority only to new tickets.
        ...(rule?.tags?.length ? { tags: withTagsAdded(rule.tags) } : {}),
      })
      .where(eq(tickets.id, existing.id))
      .returning();
    if (effect === "reopen") {
      const reopened = await reopen(tx, ticket);
      if (reopened) {
        ticket = reopened.ticket;
        events.push({ type: "entry.created", ticketId: ticket.id, queueId: ticket.queueId, entryId: reopened.entryId, involved: involvedIn(ticket) });
      }
    }
  }
  if (!bounced) ticket = await customerSpoke(tx, ticket.id);
  const [entry] = await tx
    .insert(ticketEntries)
    .values({
      ticketId: ticket.id,
      // A bounce is shown as a system event: it is not the customer speaking.
      kind: bounced ? "system_event" : "customer_mail",
      authorContactId: contact?.id ?? null,
      subject: mail.subject,
      bodyText: mail.text,
      bodyHtml: mail.html,
      fromEmail: mail.from?.address ?? null,
      toEmails: mail.to,
      ccEmails: mail.cc,
      replyTo: mail.replyTo,
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo,
      references: mail.references,
      meta: bounced ? { bounce: mail.bounce, outboxId: bounced.id } : mail.automatic ? { automatic: mail.automatic } : null,
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
  events.push({ type: "entry.created", ticketId: ticket.id, queueId: ticket.queueId, entryId: entry.id, involved: involvedIn(ticket) });
  // Watchers hear of the customer's mail (E4); published and mailed with the rest after commit.
  const notified = await notifyNewEntry({ ...deps, tx }, {
    ticketId: ticket.id, entryId: entry.id, kind: bounced ? "system_event" : "customer_mail", authorUserId: null, fromEmail: mail.from?.address,
  });
  events.push(...notified.events);
  outboxIds = [...outboxIds, ...notified.outboxIds];
  if (existing) events.push({ type: "ticket.changed", ticketId: ticket.id, queueId: ticket.queueId, version: ticket.version, involved: involvedIn(ticket) });
  const result = await mark({
    status: existing ? "appended" : "created",
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    entryId: entry.id,
    reason: rule ? `mail rule "${rule.name}"` : null,
  });
  return { result, events, outboxIds };
}

/** The inbound row's stand-in for a missing Message-ID: its sha256, in a domain that cannot be real. */
async function contentKeyOf(tx: DbOrTx, inboundId: number): Promise<string> {
  const [row] = await tx.select({ sha256: inboundMails.sha256 }).from(inboundMails).where(eq(inboundMails.id, inboundId));
  return `sha256-${row.sha256}@no-message-id.invalid`;
}

async function entryWithMessageId(tx: DbOrTx, messageId: string) {
  const [row] = await tx
    .select({ ticketId: ticketEntries.ticketId, entryId: ticketEntries.id, number: tickets.number })
    .from(ticketEntries)
    .innerJoin(tickets, eq(tickets.id, ticketEntries.ticketId))
    .where(eq(ticketEntries.messageId, messageId))
    .limit(1);
  return row ?? null;
}

/** An earlier copy of a mail without Message-ID that was filed on a ticket (found by content key). */
async function filedCopy(tx: DbOrTx, contentKey: string, inboundId: number) {
  const [row] = await tx
    .select({ ticketId: tickets.id, entryId: inboundMails.entryId, number: tickets.number })
    .from(inboundMails)
    .innerJoin(tickets, eq(tickets.id, inboundMails.ticketId))
    .where(and(eq(inboundMails.messageId, contentKey), ne(inboundMails.id, inboundId), isNotNull(inboundMails.entryId)))
    .limit(1);
  return row ?? null;
}

async function bouncedOutbox(tx: DbOrTx, messageId: string) {
  const [row] = await tx.select({ id: outbox.id, ticketId: outbox.ticketId }).from(outbox).where(eq(outbox.messageId, messageId));
  return row ?? null;
}

/** A merged ticket points at its target; mail to it lands there (chains followed, cycles cut). */
async function followMerges(tx: DbOrTx, ticketId: number): Promise<Ticket | null> {
  let [t] = await tx.select().from(tickets).where(eq(tickets.id, ticketId));
  for (let hops = 0; t?.mergedIntoId && hops < 20; hops++) {
    [t] = await tx.select().from(tickets).where(eq(tickets.id, t.mergedIntoId));
  }
  return t ?? null;
}

/**
 * The ticket a mail belongs to: a ticket number in the subject first, then In-Reply-To and
 * References against every stored Message-ID (ours and the customer's), then a ticket number
 * in the body.
 */
async function findThreadTicket(tx: DbOrTx, mail: ParsedMail): Promise<Ticket | null> {
  const byNumber = async (n: number) => {
    const [t] = await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.number, n));
    return t ? followMerges(tx, t.id) : null;
  };
  const inSubject = ticketNumbersIn(mail.subject, "");
  for (const n of inSubject) {
    const t = await byNumber(n);
    if (t) return t;
  }
  const ids = [mail.inReplyTo, ...mail.references].filter((v): v is string => !!v);
  if (ids.length) {
    const [hit] = await tx
      .select({ ticketId: ticketEntries.ticketId })
      .from(ticketEntries)
      .where(inArray(ticketEntries.messageId, ids))
      .orderBy(sql`${ticketEntries.createdAt} desc`)
      .limit(1);
    const [sent] = hit ? [] : await tx.select({ ticketId: outbox.ticketId }).from(outbox).where(inArray(outbox.messageId, ids)).limit(1);
    const ticketId = hit?.ticketId ?? sent?.ticketId;
    if (ticketId) return followMerges(tx, ticketId);
  }
  for (const n of mail.ticketNumbers.filter((n) => !inSubject.includes(n))) {
    const t = await byNumber(n);
    if (t) return t;
  }
  return null;
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
