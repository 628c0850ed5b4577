import { and, asc, eq, ne } from "drizzle-orm";
import { attachments, ticketEntries, tickets } from "../../../db/schema";
import type { Actor } from "../actor";
import { notFound } from "../errors";
import type { Deps, DomainEvent } from "../events";
import { involvedIn } from "../events";
import { assertCanCreateTicketIn, canReadTicket } from "../permissions";
import { initialStatusId } from "./tickets";
import { recordStructureChange } from "./ticket-structure-events";
import { addWatchers } from "./watchers";

/**
 * Copying a ticket (C8): a new ticket with the same fields and the first text (with its
 * files), in the queue's first status, owned by whoever copied it. The title is given by the
 * caller, worded in the user's language ("Copy of …"). No mail is sent.
 */
export async function copyTicket(deps: Deps, actor: Actor, input: { ticketId: number; title: string }) {
  const userId = actor.kind === "user" ? actor.userId : null;
  const result = await deps.db.transaction(async (tx) => {
    const [t] = await tx.select().from(tickets).where(eq(tickets.id, input.ticketId));
    if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
    assertCanCreateTicketIn(actor, t.queueId);
    const [copy] = await tx
      .insert(tickets)
      .values({
        title: input.title.trim() || t.title,
        queueId: t.queueId, statusId: await initialStatusId(tx, t.queueId), priority: t.priority, contactId: t.contactId,
        ownerId: userId, createdById: userId, kind: t.kind, confidential: t.confidential, billable: t.billable,
        dueAt: t.dueAt, followUpAt: t.followUpAt, externalRef: t.externalRef, customerCc: t.customerCc,
        customerNumber: t.customerNumber, orderNumber: t.orderNumber, invoiceNumber: t.invoiceNumber,
        brandId: t.brandId, categoryId: t.categoryId, severityId: t.severityId, sourceId: t.sourceId,
        serviceContractId: t.serviceContractId, tags: t.tags,
      })
      .returning();
    const [first] = await tx
      .select()
      .from(ticketEntries)
      .where(and(eq(ticketEntries.ticketId, t.id), ne(ticketEntries.kind, "system_event")))
      .orderBy(asc(ticketEntries.createdAt), asc(ticketEntries.id))
      .limit(1);
    if (first) {
      // The text, not the mail: no Message-ID, so replies to the original never thread here.
      const [entry] = await tx
        .insert(ticketEntries)
        .values({
          ticketId: copy.id, kind: first.kind, authorUserId: first.authorUserId, authorContactId: first.authorContactId,
          subject: first.subject, bodyText: first.bodyText, bodyHtml: first.bodyHtml, fromEmail: first.fromEmail,
          toEmails: first.toEmails, ccEmails: first.ccEmails, topicId: first.topicId,
        })
        .returning({ id: ticketEntries.id });
      const files = await tx.select().from(attachments).where(eq(attachments.entryId, first.id));
      if (files.length) await tx.insert(attachments).values(files.map(({ id: _id, createdAt: _at, ...f }) => ({ ...f, entryId: entry.id })));
    }
    if (userId !== null) await addWatchers(tx, copy.id, [userId]);
    const events: DomainEvent[] = [
      { type: "ticket.created", ticketId: copy.id, queueId: copy.queueId, involved: involvedIn(copy) },
      ...(await recordStructureChange(tx, copy.id, userId, { structure: "copiedFrom", number: t.number })),
    ];
    return { copy, events };
  });
  deps.publish(result.events);
  return { id: result.copy.id, number: result.copy.number };
}
