import { and, eq, inArray } from "drizzle-orm";
import { inboundMails, outbox, queues, statuses, ticketEntries, tickets } from "../../../db/schema";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import { notFound, refused } from "../errors";
import type { Deps } from "../events";
import { involvedIn } from "../events";
import { canDeleteTicket, canReadTicket, ticketAccessColumns } from "../permissions";

/**
 * Deleting a ticket (C8) needs the delete right; the audit log keeps what it was. Its entries,
 * files, history and time go with it. Mail records stay (re-reading a mailbox must not import
 * the mail again) without their link; mail not yet sent is dropped. Tickets merged into it
 * become plain tickets again, its children lose their parent.
 */
export async function deleteTicket(deps: Deps, actor: Actor, input: { ticketId: number }) {
  const { ticket: t, children } = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ ticket: tickets, queueName: queues.name, statusName: statuses.name })
      .from(tickets)
      .innerJoin(queues, eq(queues.id, tickets.queueId))
      .innerJoin(statuses, eq(statuses.id, tickets.statusId))
      .where(eq(tickets.id, input.ticketId))
      .for("update", { of: tickets });
    if (!row || !canReadTicket(actor, row.ticket)) throw notFound("Ticket");
    if (!canDeleteTicket(actor, row.ticket)) throw refused("FORBIDDEN", "You may not delete this ticket", { key: "errors.mayNotDelete" });
    const { ticket } = row;
    const entryIds = tx.select({ id: ticketEntries.id }).from(ticketEntries).where(eq(ticketEntries.ticketId, ticket.id));
    await tx.update(inboundMails).set({ ticketId: null, entryId: null }).where(eq(inboundMails.ticketId, ticket.id));
    await tx.update(inboundMails).set({ entryId: null }).where(inArray(inboundMails.entryId, entryIds));
    await tx.delete(outbox).where(and(eq(outbox.ticketId, ticket.id), inArray(outbox.status, ["queued", "failed"])));
    await tx.update(outbox).set({ ticketId: null, entryId: null }).where(eq(outbox.ticketId, ticket.id));
    await tx.update(tickets).set({ mergedIntoId: null }).where(eq(tickets.mergedIntoId, ticket.id));
    // Its children lose their parent (the foreign key sets it null); their screens hear of it.
    const children = await tx.select({ id: tickets.id, version: tickets.version, ...ticketAccessColumns }).from(tickets).where(eq(tickets.parentId, ticket.id));
    await tx.delete(tickets).where(eq(tickets.id, ticket.id));
    await recordAudit(tx, actor, {
      entity: "ticket", entityId: ticket.id, label: `#${ticket.number} ${ticket.title}`,
      before: { number: ticket.number, title: ticket.title, queue: row.queueName, status: row.statusName, contactId: ticket.contactId, ownerId: ticket.ownerId },
      after: null,
    });
    return { ticket, children };
  });
  // Lists drop it when they refetch; an open ticket page finds it gone.
  deps.publish([
    { type: "ticket.changed", ticketId: t.id, queueId: t.queueId, version: t.version + 1, involved: involvedIn(t) },
    ...children.map((c) => ({ type: "ticket.changed" as const, ticketId: c.id, queueId: c.queueId, version: c.version, involved: involvedIn(c) })),
    // Nobody reads it any more: its room empties.
    { type: "ticket.access.changed", ticketId: t.id },
  ]);
  return { id: t.id, number: t.number };
}
