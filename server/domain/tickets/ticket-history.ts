import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { ticketHistory, tickets, users } from "../../../db/schema";
import type { Actor } from "../actor";
import { notFound } from "../errors";
import { canReadTicket, ticketAccessColumns } from "../permissions";

/**
 * The change history of a ticket (C8): who changed which field from what to what, and when,
 * newest first. Values are stored as people read them (status, queue and owner names,
 * "#number" for linked tickets), so history stays true after a rename. `statusOnly`: the
 * status history.
 */
export async function listTicketHistory(db: DbOrTx, actor: Actor, input: { ticketId: number; statusOnly: boolean }) {
  const [t] = await db.select(ticketAccessColumns).from(tickets).where(eq(tickets.id, input.ticketId));
  if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
  return db
    .select({
      id: ticketHistory.id,
      field: ticketHistory.field,
      oldValue: ticketHistory.oldValue,
      newValue: ticketHistory.newValue,
      actorName: users.name,
      createdAt: ticketHistory.createdAt,
    })
    .from(ticketHistory)
    .leftJoin(users, eq(users.id, ticketHistory.actorUserId))
    .where(and(eq(ticketHistory.ticketId, input.ticketId), input.statusOnly ? eq(ticketHistory.field, "status") : undefined))
    .orderBy(desc(ticketHistory.createdAt), desc(ticketHistory.id))
    .limit(500);
}
