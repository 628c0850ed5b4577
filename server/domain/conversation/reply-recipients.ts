import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { contacts, ticketEntries, tickets, type Ticket } from "../../../db/schema";
import type { Actor } from "../actor";
import { notFound, refused } from "../errors";
import { canReadTicket } from "../permissions";

export interface ReplyRecipients {
  to: string[];
  cc: string[];
}

/**
 * Who a reply goes to. It follows the conversation, never the contact record, which any
 * agent may edit (also for a customer of a ticket that agent cannot see): the person who
 * wrote the newest customer mail (its Reply-To, else its From); without one, the addresses
 * our own newest mail went to; only without any mail yet (a phone ticket) the contact's
 * primary address. The ticket's customer CC is copied in.
 */
export async function replyRecipients(tx: DbOrTx, t: Pick<Ticket, "id" | "contactId" | "customerCc">): Promise<ReplyRecipients> {
  const to = (await lastCustomerMailSender(tx, t.id)) ?? (await lastSentTo(tx, t.id)) ?? (await contactAddress(tx, t.contactId));
  if (!to) throw refused("INVALID", "This ticket has no customer address to reply to", { key: "errors.noCustomerAddress" });
  const taken = new Set(to.map((a) => a.toLowerCase()));
  const cc = t.customerCc.filter((a) => !taken.has(a.toLowerCase()) && taken.add(a.toLowerCase()));
  return { to, cc };
}

/** The reply editor's "Sent by e-mail to …": the same rule as the send, or null when there is nobody. */
export async function previewReplyRecipients(db: DbOrTx, actor: Actor, ticketId: number): Promise<ReplyRecipients | null> {
  const [t] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
  if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
  return replyRecipients(db, t).catch(() => null);
}

async function lastCustomerMailSender(tx: DbOrTx, ticketId: number): Promise<string[] | null> {
  const [mail] = await tx
    .select({ fromEmail: ticketEntries.fromEmail, replyTo: ticketEntries.replyTo })
    .from(ticketEntries)
    .where(and(eq(ticketEntries.ticketId, ticketId), eq(ticketEntries.kind, "customer_mail")))
    .orderBy(desc(ticketEntries.createdAt), desc(ticketEntries.id))
    .limit(1);
  if (!mail) return null;
  if (mail.replyTo.length) return mail.replyTo;
  return mail.fromEmail ? [mail.fromEmail] : null;
}

async function lastSentTo(tx: DbOrTx, ticketId: number): Promise<string[] | null> {
  const [sent] = await tx
    .select({ toEmails: ticketEntries.toEmails })
    .from(ticketEntries)
    .where(and(eq(ticketEntries.ticketId, ticketId), eq(ticketEntries.kind, "agent_message")))
    .orderBy(desc(ticketEntries.createdAt), desc(ticketEntries.id))
    .limit(1);
  return sent?.toEmails.length ? sent.toEmails : null;
}

async function contactAddress(tx: DbOrTx, contactId: number | null): Promise<string[] | null> {
  if (contactId === null) return null;
  const [contact] = await tx.select({ email: contacts.email }).from(contacts).where(eq(contacts.id, contactId));
  return contact ? [contact.email] : null;
}
