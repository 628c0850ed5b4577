import { and, asc, eq, gt, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../../db/client";
import { attachments, contacts, fieldOptions, outbox, queues, statuses, ticketEntries, ticketLocks, tickets, timeEntries, users, type Ticket } from "../../../db/schema";
import { composeReplyText, newMessageId, senderFor, threadHeaders } from "../mail/compose";
import { sanitizeMailHtml } from "../mail/sanitize-html";
import { attachmentUrl, resolveInlineImages } from "./attachments";
import { replySubject } from "../../../lib/mail-address";
import type { Actor } from "../actor";
import type { Deps, DomainEvent } from "../events";
import { involvedIn } from "../events";
import { assertNotMerged, conflict, invalid, notFound, refused } from "../errors";
import { isCoOwner } from "../tickets/ticket-owners";
import { assertCanWriteTicket, canReadTicket, canUseStatus, ticketAccessColumns, type TicketAccess } from "../permissions";
import { attachUploads } from "./uploads";
import type { StructureEventMeta } from "../tickets/ticket-structure-events";
import { deliverNotified, notifyNewEntry } from "../notifications/notifications";
import { renderEntryBody } from "./placeholders";
import { escapeHtml } from "../mail/html-text";
import { replyRecipients } from "./reply-recipients";
import { afterAgentMessage, setStatusInTx } from "../tickets/ticket-workflow";

const uploaders = alias(users, "uploaders");

/** A field's change in a system event: the status, or the edit form's fields (ticket-fields.ts). */
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}
export type SystemEventMeta = FieldChange | { changes: FieldChange[] } | StructureEventMeta;

export async function listEntries(db: DbOrTx, actor: Actor, ticketId: number) {
  const [t] = await db.select(ticketAccessColumns).from(tickets).where(eq(tickets.id, ticketId));
  if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
  const rows = await db
    .select({
      id: ticketEntries.id,
      kind: ticketEntries.kind,
      subject: ticketEntries.subject,
      bodyText: ticketEntries.bodyText,
      /** System events: what changed, so the timeline can say it in the reader's language. */
      meta: sql<SystemEventMeta | null>`${ticketEntries.meta}`,
      bodyHtml: ticketEntries.bodyHtml,
      fromEmail: ticketEntries.fromEmail,
      toEmails: ticketEntries.toEmails,
      ccEmails: ticketEntries.ccEmails,
      /** Who got a blind copy of a mail we sent (only its outbox row knows). */
      bccEmails: outbox.bccEmails,
      authorName: sql<string | null>`coalesce(${users.name}, ${contacts.name}, ${ticketEntries.fromEmail})`,
      createdAt: ticketEntries.createdAt,
      isSolution: ticketEntries.isSolution,
      topicId: ticketEntries.topicId,
      topicName: fieldOptions.name,
      topicNameDe: fieldOptions.nameDe,
      /** Minutes booked with this entry (F1), from its time entries. */
      timeSpentMinutes: sql<number | null>`(select sum(${timeEntries.minutes})::int from ${timeEntries} where ${timeEntries.entryId} = ${ticketEntries.id})`,
      outboxId: outbox.id,
      outboxStatus: outbox.status,
      outboxError: outbox.lastError,
    })
    .from(ticketEntries)
    .leftJoin(users, eq(users.id, ticketEntries.authorUserId))
    .leftJoin(contacts, eq(contacts.id, ticketEntries.authorContactId))
    .leftJoin(outbox, eq(outbox.entryId, ticketEntries.id))
    .leftJoin(fieldOptions, eq(fieldOptions.id, ticketEntries.topicId))
    .where(eq(ticketEntries.ticketId, ticketId))
    .orderBy(asc(ticketEntries.createdAt), asc(ticketEntries.id));
  const files = rows.length
    ? await db
        .select({
          id: attachments.id, entryId: attachments.entryId, filename: attachments.filename,
          contentType: attachments.contentType, size: attachments.size, contentId: attachments.contentId,
          visibility: attachments.visibility, createdAt: attachments.createdAt, uploadedByName: uploaders.name,
        })
        .from(attachments)
        .leftJoin(uploaders, eq(uploaders.id, attachments.uploadedById))
        .where(inArray(attachments.entryId, rows.map((r) => r.id)))
        .orderBy(asc(attachments.id))
    : [];
  // Stored HTML was sanitised on the way in; it is sanitised again on the way out, after inline
  // images are pointed at their attachments (the allowlist keeps only those and data: images).
  return rows.map((r) => {
    const own = files.filter((f) => f.entryId === r.id);
    const bodyHtml = r.bodyHtml ? sanitizeMailHtml(resolveInlineImages(r.bodyHtml, own)) : null;
    return { ...r, bccEmails: r.bccEmails ?? [], bodyHtml, attachments: own.map(({ contentId: _cid, ...f }) => ({ ...f, url: attachmentUrl(f.id) })) };
  });
}

/** Releases the actor's lock on a ticket, if it holds one; returns the event to publish. */
async function releaseOwnLock(tx: DbOrTx, userId: number, ticket: TicketAccess & { id: number }): Promise<DomainEvent[]> {
  const { id: ticketId, queueId } = ticket;
  const released = await tx
    .delete(ticketLocks)
    .where(and(eq(ticketLocks.ticketId, ticketId), eq(ticketLocks.userId, userId)))
    .returning({ ticketId: ticketLocks.ticketId });
  return released.length ? [{ type: "lock.changed", ticketId, queueId, lock: null, involved: involvedIn(ticket) }] : [];
}

interface NewEntryInput {
  ticketId: number;
  body: string;
  /** Files uploaded for this entry; a message sends them along. */
  uploadIds?: string[];
  /**
   * The newest entry the writer had seen when the editor opened. When a newer one (customer
   * mail or a colleague's entry) exists, saving is refused with CONFLICT unless `force`.
   */
  seenEntryId?: number;
  force?: boolean;
  /** Minutes spent, as confirmed in the editor (F1). */
  timeSpentMinutes?: number;
  /** Of `uploadIds`, the files only agents may see: never mailed (D7). */
  internalUploadIds?: string[];
  /** This entry solves the ticket (D1). */
  isSolution?: boolean;
  /** The entry's topic, a field option of kind `topic` (D4). */
  topicId?: number | null;
  /**
   * The text as HTML, from the rich-text editor; `body` is then only its plain-text hint (the
   * stored plain text is made from the HTML). Inline images are `cid:<upload id>`.
   */
  bodyHtml?: string | null;
  /** "Send and set status": a status of the ticket's queue, set with the message in one transaction. */
  setStatusId?: number;
}

/** Message of the CONFLICT thrown when entries arrived while the writer was writing. */
export const NEW_ENTRIES_CONFLICT = "A new message arrived while you were writing.";

/**
 * Entries added to the ticket after `seenEntryId` by anyone but the writer (system events,
 * e.g. status changes, do not count). Run inside the transaction that holds the ticket row.
 */
async function entriesSince(tx: DbOrTx, ticketId: number, seenEntryId: number, authorUserId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: ticketEntries.id })
    .from(ticketEntries)
    .where(
      and(
        eq(ticketEntries.ticketId, ticketId),
        gt(ticketEntries.id, seenEntryId),
        ne(ticketEntries.kind, "system_event"),
        sql`${ticketEntries.authorUserId} is distinct from ${authorUserId}`,
      ),
    )
    .orderBy(asc(ticketEntries.id));
  return rows.map((r) => r.id);
}

/**
 * C2/C5: nothing goes to the customer of an internal or a confidential ticket, and in an
 * internal ticket only its creator and owners talk.
 */
async function assertMayTalk(tx: DbOrTx, userId: number, t: Ticket, kind: "agent_message" | "internal_comment") {
  if (kind === "agent_message" && t.kind === "internal") throw refused("INVALID", "An internal ticket sends nothing to a customer; write a comment", { key: "errors.internalNoMessages" });
  if (kind === "agent_message" && t.confidential) throw refused("INVALID", "A confidential ticket sends no messages to the customer; write a comment", { key: "errors.confidentialNoMessages" });
  if (t.kind === "internal" && userId !== t.createdById && userId !== t.ownerId && !(await isCoOwner(tx, t.id, userId))) {
    throw refused("FORBIDDEN", "Only the creator and the owners talk in an internal ticket", { key: "errors.internalOwnersOnly" });
  }
}

/**
 * Adds an agent entry. A message is also queued in the outbox in the same transaction,
 * so a crash never loses or doubles the mail; an internal comment never mails anyone.
 */
async function addAgentEntry(
  deps: Deps,
  actor: Actor,
  input: NewEntryInput,
  kind: "agent_message" | "internal_comment",
) {
  if (actor.kind !== "user") throw invalid("Only users write entries");
  const result = await deps.db.transaction(async (tx) => {
    const [t] = await tx.select().from(tickets).where(eq(tickets.id, input.ticketId)).for("update");
    if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
    assertCanWriteTicket(actor, t);
    assertNotMerged(t);
    await assertMayTalk(tx, actor.userId, t, kind);
    if (input.seenEntryId !== undefined && !input.force) {
      const newEntryIds = await entriesSince(tx, t.id, input.seenEntryId, actor.userId);
      if (newEntryIds.length) throw conflict(NEW_ENTRIES_CONFLICT, { newEntryIds });
    }
    // Placeholders are filled in now, so the stored entry and the mail hold the same final text.
    const rendered = await renderEntryBody(tx, deps.appUrl, t, actor.userId, { text: input.body, html: input.bodyHtml });
    const body = rendered.text;
    const inlineIds = inlineUploadIds(rendered.html, input.uploadIds ?? []);
    if (!body.trim() && inlineIds.length === 0) throw invalid("The text is empty once its placeholders are filled in");
    if (input.topicId != null) await assertTopic(tx, input.topicId);
    let outboxId: number | null = null;
    let mail: Awaited<ReturnType<typeof buildReplyMail>> | null = null;
    if (kind === "agent_message") mail = await buildReplyMail(tx, deps.fallbackFrom, t, actor.userId, rendered);
    const [entry] = await tx
      .insert(ticketEntries)
      .values({
        ticketId: t.id,
        kind,
        authorUserId: actor.userId,
        bodyText: body,
        bodyHtml: rendered.html,
        isSolution: input.isSolution ?? false,
        topicId: input.topicId ?? null,
        subject: mail?.subject ?? null,
        fromEmail: mail?.fromEmail ?? null,
        toEmails: mail?.toEmails ?? [],
        ccEmails: mail?.ccEmails ?? [],
        messageId: mail?.messageId ?? null,
        inReplyTo: mail?.inReplyTo ?? null,
        references: mail?.references ?? [],
      })
      .returning({ id: ticketEntries.id });
    if (input.timeSpentMinutes) {
      await tx.insert(timeEntries).values({ ticketId: t.id, entryId: entry.id, userId: actor.userId, minutes: input.timeSpentMinutes, billable: t.billable });
    }
    // An internal comment's files are internal, whatever the writer ticked.
    await attachUploads(tx, actor.userId, input.uploadIds ?? [], entry.id, {
      internalIds: input.internalUploadIds, allInternal: kind === "internal_comment", inlineIds,
    });
    if (mail) {
      const [o] = await tx
        .insert(outbox)
        .values({ ...mail, kind: "reply", ticketId: t.id, entryId: entry.id })
        .returning({ id: outbox.id });
      outboxId = o.id;
    }
    let [updated] = await tx
      .update(tickets)
      .set({ version: sql`${tickets.version} + 1`, updatedAt: new Date(), lastEntryAt: new Date() })
      .where(eq(tickets.id, t.id))
      .returning();
    if (kind === "agent_message") updated = await afterAgentMessage(tx, updated, actor.userId);
    if (input.setStatusId !== undefined) {
      const [to] = await tx.select().from(statuses).where(eq(statuses.id, input.setStatusId));
      if (!to || to.queueId !== t.queueId) throw refused("INVALID", "This status does not belong to the ticket's queue", { key: "errors.statusOtherQueue" });
      if (!canUseStatus(actor, to)) throw refused("INVALID", "This status is not available to you", { key: "errors.statusNotAvailable" });
      updated = (await setStatusInTx(tx, updated, to.id, actor.userId))?.ticket ?? updated;
    }
    const lockEvents = await releaseOwnLock(tx, actor.userId, t);
    const notified = await notifyNewEntry({ ...deps, tx }, { ticketId: t.id, entryId: entry.id, kind, authorUserId: actor.userId, text: body });
    return { ticket: updated, entryId: entry.id, outboxId, lockEvents, notified };
  });
  const { ticket } = result;
  deps.publish([
    { type: "entry.created", ticketId: ticket.id, queueId: ticket.queueId, entryId: result.entryId, involved: involvedIn(ticket) },
    { type: "ticket.changed", ticketId: ticket.id, queueId: ticket.queueId, version: ticket.version, involved: involvedIn(ticket) },
    ...result.lockEvents,
  ]);
  if (result.outboxId) await deps.jobs.enqueue("outbox.deliver", { outboxId: result.outboxId });
  await deliverNotified(deps, result.notified);
  return { entryId: result.entryId, outboxId: result.outboxId };
}

export const replyToTicket = (deps: Deps, actor: Actor, input: NewEntryInput) =>
  addAgentEntry(deps, actor, input, "agent_message");

export const addInternalComment = (deps: Deps, actor: Actor, input: NewEntryInput) =>
  addAgentEntry(deps, actor, input, "internal_comment");

/** An entry's topic must be a topic that is still offered. */
async function assertTopic(tx: DbOrTx, topicId: number): Promise<void> {
  const [topic] = await tx
    .select({ id: fieldOptions.id })
    .from(fieldOptions)
    .where(and(eq(fieldOptions.id, topicId), eq(fieldOptions.kind, "topic"), eq(fieldOptions.active, true)));
  if (!topic) throw invalid("Choose a topic from the list");
}

/** The topics an agent may give an entry (D4), in the admins' order. */
export async function listEntryTopics(db: DbOrTx, actor: Actor) {
  if (actor.kind !== "user") throw invalid("Only users write entries");
  return db
    .select({ id: fieldOptions.id, name: fieldOptions.name, nameDe: fieldOptions.nameDe })
    .from(fieldOptions)
    .where(and(eq(fieldOptions.kind, "topic"), eq(fieldOptions.active, true)))
    .orderBy(asc(fieldOptions.position), asc(fieldOptions.id));
}

/**
 * A reply mail: to whoever the conversation says (reply-recipients.ts), from the queue's sender, `[Ticket#N]` in the subject, the
 * thread's headers, and the text composed with greeting, signature and quote.
 */
async function buildReplyMail(
  tx: DbOrTx,
  fallbackFrom: string,
  t: typeof tickets.$inferSelect,
  authorUserId: number,
  body: { text: string; html: string | null },
) {
  const recipients = await replyRecipients(tx, t);
  const [queue] = await tx.select().from(queues).where(eq(queues.id, t.queueId));
  const sender = await senderFor(tx, queue, fallbackFrom);
  const bodyText = await composeReplyText(tx, { ticketId: t.id, queueId: t.queueId, authorUserId, body: body.text });
  return {
    ...sender,
    ...(await threadHeaders(tx, t.id)),
    toEmails: recipients.to,
    ccEmails: recipients.cc,
    subject: replySubject(t.number, t.title),
    messageId: newMessageId(sender.fromEmail),
    bodyText,
    bodyHtml: body.html ? replyHtml(body.html, bodyText.slice(body.text.trim().length)) : null,
  };
}

/**
 * The HTML part of a reply: the writer's HTML, then greeting, signature and quote exactly
 * as in the plain-text part, kept as preformatted text.
 */
function replyHtml(html: string, rest: string): string {
  const tail = rest.trim();
  return tail ? `${html}\n<div style="white-space:pre-wrap">${escapeHtml(tail)}</div>` : html;
}

/** The uploads an HTML text shows inline (`<img src="cid:<upload id>">`). */
function inlineUploadIds(html: string | null, uploadIds: string[]): string[] {
  if (!html) return [];
  return uploadIds.filter((id) => html.includes(`cid:${id}`));
}
