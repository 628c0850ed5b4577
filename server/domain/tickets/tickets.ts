import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import {
  contacts, mailAccounts, outbox, queues, statuses, ticketEntries, tickets, users,
  type ContactFlag, type Queue, type Speaker, type StatusCategory, type Ticket, type TicketKind,
} from "../../../db/schema";
import { replySubject } from "../../../lib/mail-address";
import { composeReplyText, newMessageId, senderFor, senderOf } from "../mail/compose";
import type { Actor } from "../actor";
import type { Deps, DomainEvent, LockView, Viewer } from "../events";
import { involvedIn } from "../events";
import { AppError, assertNotMerged, invalid, notFound } from "../errors";
import { assertCanCreateTicketIn, assertCanWriteTicket, canReadTicket, canUseStatus, readableTicketsWhere, ticketAccessColumns } from "../permissions";
import { findOrCreateContact } from "../people/contacts";
import { lockViewsFor } from "../collaboration/locks";
import { viewersFor } from "../collaboration/presence";
import { attachUploads } from "../conversation/uploads";
import { deliverNotified, notifyNewEntry, notifyOwnerSet } from "../notifications/notifications";
import { addWatchers } from "./watchers";
import { coOwnersOf, type CoOwner } from "./ticket-owners";
import { setStatusInTx } from "./ticket-workflow";

export interface TicketRow {
  id: number;
  number: number;
  title: string;
  queueId: number;
  queueName: string;
  queueNameDe: string | null;
  statusId: number;
  statusName: string;
  statusNameDe: string | null;
  statusCategory: StatusCategory;
  progress: number;
  priority: number;
  tags: string[];
  contactId: number | null;
  contactEmail: string | null;
  contactName: string | null;
  /** The contact's flag or block (K1), shown as an icon beside the customer. */
  contactFlag: ContactFlag | null;
  contactFlagNote: string | null;
  ownerId: number | null;
  ownerName: string | null;
  /** The owner's out-of-office note while it is current (A6). */
  ownerOutOfOffice: string | null;
  createdById: number | null;
  createdByName: string | null;
  /** Order, customer and invoice numbers found in the customer's mail (G4). */
  customerNumber: string | null;
  orderNumber: string | null;
  invoiceNumber: string | null;
  /** C1/C2/C5 fields; option ids name entries of the configurable lists (B8, B9). */
  kind: TicketKind;
  confidential: boolean;
  billable: boolean;
  dueAt: Date | null;
  followUpAt: Date | null;
  externalRef: string | null;
  customerCc: string[];
  brandId: number | null;
  categoryId: number | null;
  severityId: number | null;
  sourceId: number | null;
  serviceContractId: number | null;
  /** C7: set when this ticket was merged into another; it then changes no more. */
  mergedIntoId: number | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  lastEntryAt: Date;
  /** Who wrote the last message and when (kept on the row, issue 12.1). */
  lastSpeaker: Speaker | null;
  lastSpokeAt: Date | null;
  lock: LockView | null;
  /** Who has the ticket open right now (E2). */
  viewers: Viewer[];
}

const rowColumns = {
  id: tickets.id,
  number: tickets.number,
  title: tickets.title,
  queueId: tickets.queueId,
  queueName: queues.name,
  queueNameDe: queues.nameDe,
  statusId: tickets.statusId,
  statusName: statuses.name,
  statusNameDe: statuses.nameDe,
  statusCategory: statuses.category,
  progress: statuses.progress,
  priority: tickets.priority,
  tags: tickets.tags,
  contactId: tickets.contactId,
  contactEmail: contacts.email,
  contactName: contacts.name,
  contactFlag: contacts.flag,
  contactFlagNote: contacts.flagNote,
  ownerId: tickets.ownerId,
  ownerName: users.name,
  ownerOutOfOffice: sql<string | null>`case when ${users.outOfOfficeUntil} is null or ${users.outOfOfficeUntil} > now() then ${users.outOfOffice} end`,
  createdById: tickets.createdById,
  createdByName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${tickets.createdById})`.as("created_by_name"),
  customerNumber: tickets.customerNumber,
  orderNumber: tickets.orderNumber,
  invoiceNumber: tickets.invoiceNumber,
  kind: tickets.kind,
  confidential: tickets.confidential,
  billable: tickets.billable,
  dueAt: tickets.dueAt,
  followUpAt: tickets.followUpAt,
  externalRef: tickets.externalRef,
  customerCc: tickets.customerCc,
  brandId: tickets.brandId,
  categoryId: tickets.categoryId,
  severityId: tickets.severityId,
  sourceId: tickets.sourceId,
  serviceContractId: tickets.serviceContractId,
  mergedIntoId: tickets.mergedIntoId,
  version: tickets.version,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  lastEntryAt: tickets.lastEntryAt,
  lastSpeaker: tickets.lastSpeaker,
  lastSpokeAt: tickets.lastSpokeAt,
};

function baseRowQuery(db: DbOrTx) {
  return db
    .select(rowColumns)
    .from(tickets)
    .innerJoin(queues, eq(queues.id, tickets.queueId))
    .innerJoin(statuses, eq(statuses.id, tickets.statusId))
    .leftJoin(contacts, eq(contacts.id, tickets.contactId))
    .leftJoin(users, eq(users.id, tickets.ownerId));
}

/** Current (unexpired) lock holders for the given tickets. */
export const locksFor = (db: DbOrTx, ticketIds: number[]): Promise<Map<number, LockView>> => lockViewsFor(db, ticketIds);

export const ticketListFilter = ["open", "all", "closed"] as const;
export type TicketListFilter = (typeof ticketListFilter)[number];

/** Tickets the actor may see, newest activity first. */
export async function listTickets(
  db: DbOrTx,
  actor: Actor,
  input: { filter: TicketListFilter; queueId?: number; limit: number },
): Promise<TicketRow[]> {
  // Filtered in SQL: only what the actor may read is loaded at all.
  const conds = [readableTicketsWhere(actor)];
  if (input.queueId) conds.push(eq(tickets.queueId, input.queueId));
  if (input.filter === "open") conds.push(inArray(statuses.category, ["new", "open", "pending"]));
  if (input.filter === "closed") conds.push(inArray(statuses.category, ["solved", "closed"]));
  const rows = await baseRowQuery(db)
    .where(and(...conds))
    .orderBy(desc(tickets.lastEntryAt), desc(tickets.id))
    .limit(input.limit);
  const ids = rows.map((r) => r.id);
  const [locks, viewers] = await Promise.all([locksFor(db, ids), viewersFor(db, ids)]);
  return rows.map((r) => ({ ...r, lock: locks.get(r.id) ?? null, viewers: viewers.get(r.id) ?? [] }));
}

/** One ticket row with its further owners, after checking the actor may read its queue. */
export async function getTicketRow(db: DbOrTx, actor: Actor, ticketId: number): Promise<TicketRow & { coOwners: CoOwner[] }> {
  const [row] = await baseRowQuery(db).where(eq(tickets.id, ticketId));
  if (!row || !canReadTicket(actor, row)) throw notFound("Ticket");
  const [locks, viewers, coOwners] = await Promise.all([locksFor(db, [row.id]), viewersFor(db, [row.id]), coOwnersOf(db, [row.id])]);
  return { ...row, lock: locks.get(row.id) ?? null, viewers: viewers.get(row.id) ?? [], coOwners };
}

/** The status new tickets of a queue get: its first status in the "new" category. */
export async function initialStatusId(db: DbOrTx, queueId: number): Promise<number> {
  const [s] = await db
    .select({ id: statuses.id })
    .from(statuses)
    .where(and(eq(statuses.queueId, queueId), eq(statuses.category, "new")))
    .orderBy(asc(statuses.position))
    .limit(1);
  if (!s) throw invalid(`Queue ${queueId} has no status in the "new" category`);
  return s.id;
}

export async function defaultQueueId(db: DbOrTx): Promise<number> {
  const [q] = await db.select({ id: queues.id }).from(queues).orderBy(asc(queues.position), asc(queues.id)).limit(1);
  if (!q) throw invalid("No queue is configured");
  return q.id;
}

export interface CreateTicketInput {
  title: string;
  queueId: number;
  /** C2; default "phone": an agent records a request, later replies go out by mail. */
  kind?: TicketKind;
  /** Null only for an internal ticket. */
  customerEmail: string | null;
  customerName?: string;
  body: string;
  /** Files uploaded for the first entry; they go out with its mail. */
  uploadIds?: string[];
  /**
   * C4: the first text leaves as an e-mail from this account (default: the queue's sender) to
   * the customer and `to`, with CC and BCC. The entry records To and CC, the outbox row all
   * three, so agents see who got it.
   */
  sendMail?: { accountId?: number; to?: string[]; cc: string[]; bcc: string[] };
}

/**
 * An agent opens a ticket by hand (C3): a phone request (the first text records the call), a
 * mail ticket (the first text is mailed, C4) or an internal ticket (no customer needed; the
 * first text is an internal comment). The creator owns it.
 */
export async function createTicket(deps: Deps, actor: Actor, input: CreateTicketInput) {
  assertCanCreateTicketIn(actor, input.queueId);
  const userId = actor.kind === "user" ? actor.userId : null;
  const kind = input.kind ?? (input.sendMail ? "mail" : "phone");
  if (kind === "internal" && input.sendMail) throw invalid("An internal ticket sends no mail");
  if (kind !== "internal" && !input.customerEmail) throw invalid("A customer's e-mail address is required");
  const result = await deps.db.transaction(async (tx) => {
    const [queue] = await tx.select().from(queues).where(eq(queues.id, input.queueId));
    if (!queue) throw notFound("Queue");
    const contact = input.customerEmail ? await findOrCreateContact(tx, input.customerEmail, input.customerName) : null;
    const [ticket] = await tx
      .insert(tickets)
      .values({
        title: input.title,
        kind,
        queueId: queue.id,
        statusId: await initialStatusId(tx, queue.id),
        contactId: contact?.id ?? null,
        ownerId: userId,
        createdById: userId,
      })
      .returning();
    const mail = input.sendMail && userId !== null && contact
      ? await buildFirstMail(tx, deps.fallbackFrom, { ticket, queue, customer: contact.email, authorUserId: userId, body: input.body, ...input.sendMail })
      : null;
    const entryKind = kind === "internal" ? "internal_comment" : "agent_message";
    const [entry] = await tx
      .insert(ticketEntries)
      .values({
        ticketId: ticket.id, kind: entryKind, authorUserId: userId, subject: mail?.subject ?? input.title,
        bodyText: input.body, fromEmail: mail?.fromEmail ?? null, toEmails: mail?.toEmails ?? [],
        ccEmails: mail?.ccEmails ?? [], messageId: mail?.messageId ?? null,
      })
      .returning({ id: ticketEntries.id });
    await attachUploads(tx, userId, input.uploadIds ?? [], entry.id);
    const [sent] = mail
      ? await tx.insert(outbox).values({ ...mail, kind: "new_ticket", ticketId: ticket.id, entryId: entry.id }).returning({ id: outbox.id })
      : [];
    // C12: the creator and the owner watch the ticket; people mentioned in the first text are told.
    if (userId !== null) await addWatchers(tx, ticket.id, [userId]);
    const owned = ticket.ownerId !== null ? await notifyOwnerSet({ ...deps, tx }, { ticketId: ticket.id, ownerUserId: ticket.ownerId, byUserId: userId }) : null;
    const mentioned = await notifyNewEntry({ ...deps, tx }, { ticketId: ticket.id, entryId: entry.id, kind: entryKind, authorUserId: userId, text: input.body });
    const notified = { events: [...(owned?.events ?? []), ...mentioned.events], outboxIds: [...(owned?.outboxIds ?? []), ...mentioned.outboxIds] };
    return { ticket, entryId: entry.id, outboxId: sent?.id ?? null, notified };
  });
  deps.publish([{ type: "ticket.created", ticketId: result.ticket.id, queueId: result.ticket.queueId, involved: involvedIn(result.ticket) }]);
  if (result.outboxId) await deps.jobs.enqueue("outbox.deliver", { outboxId: result.outboxId });
  await deliverNotified(deps, result.notified);
  return result.ticket;
}

/** The mail that opens a ticket (C4): `[Ticket#N]` subject, signature, no quote (nothing to quote). */
async function buildFirstMail(
  tx: DbOrTx,
  fallbackFrom: string,
  i: {
    ticket: Ticket; queue: Queue; customer: string; authorUserId: number; body: string;
    accountId?: number; to?: string[]; cc: string[]; bcc: string[];
  },
) {
  let sender;
  if (i.accountId === undefined) {
    sender = await senderFor(tx, i.queue, fallbackFrom);
  } else {
    const [a] = await tx.select().from(mailAccounts).where(and(eq(mailAccounts.id, i.accountId), eq(mailAccounts.active, true)));
    if (!a) throw new AppError("INVALID", "This mail account is not active", { fieldErrors: { accountId: ["This mail account is not active"] } });
    sender = senderOf(a);
  }
  const { to, cc, bcc } = distinctRecipients([i.customer, ...(i.to ?? [])], i.cc, i.bcc);
  return {
    ...sender,
    toEmails: to,
    ccEmails: cc,
    bccEmails: bcc,
    subject: replySubject(i.ticket.number, i.ticket.title),
    messageId: newMessageId(sender.fromEmail),
    bodyText: await composeReplyText(tx, { ticketId: i.ticket.id, queueId: i.queue.id, authorUserId: i.authorUserId, body: i.body, quote: false }),
  };
}

/**
 * Each address once, compared case-insensitively, in the first field it appears in (To, then
 * CC, then BCC): nobody gets two copies, and a BCC address also in To is not hidden anyway.
 */
export function distinctRecipients(to: string[], cc: string[], bcc: string[]) {
  const seen = new Set<string>();
  const keep = (list: string[]) =>
    list
      .map((a) => a.trim())
      .filter((a) => {
        const key = a.toLowerCase();
        if (!key || seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  return { to: keep(to), cc: keep(cc), bcc: keep(bcc) };
}

/** Changes the status; records history and a system event in the timeline. */
export async function changeStatus(deps: Deps, actor: Actor, input: { ticketId: number; statusId: number }) {
  const userId = actor.kind === "user" ? actor.userId : null;
  const changed = await deps.db.transaction(async (tx) => {
    const [t] = await tx.select().from(tickets).where(eq(tickets.id, input.ticketId)).for("update");
    if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
    assertCanWriteTicket(actor, t);
    assertNotMerged(t);
    if (t.statusId === input.statusId) return null;
    const [to] = await tx.select().from(statuses).where(eq(statuses.id, input.statusId));
    if (!to || to.queueId !== t.queueId) throw invalid("This status does not belong to the ticket's queue");
    if (!canUseStatus(actor, to)) throw invalid("This status is not available to you");
    return setStatusInTx(tx, t, to.id, userId);
  });
  if (changed) {
    const { ticket } = changed;
    deps.publish([
      { type: "entry.created", ticketId: ticket.id, queueId: ticket.queueId, entryId: changed.entryId, involved: involvedIn(ticket) },
      { type: "ticket.changed", ticketId: ticket.id, queueId: ticket.queueId, version: ticket.version, involved: involvedIn(ticket) },
    ]);
  }
  return changed?.ticket ?? null;
}

/** A "this ticket changed" hint without a change of our own, e.g. when its mail was delivered. */
export async function ticketTouchedEvent(db: DbOrTx, ticketId: number): Promise<DomainEvent | null> {
  const [t] = await db.select({ version: tickets.version, ...ticketAccessColumns }).from(tickets).where(eq(tickets.id, ticketId));
  return t ? { type: "ticket.changed", ticketId, queueId: t.queueId, version: t.version, involved: involvedIn(t) } : null;
}
