import { eq } from "drizzle-orm";
import { outbox, tickets } from "../../../db/schema";
import type { Actor } from "../actor";
import type { Deps } from "../events";
import { involvedIn } from "../events";
import { conflict, notFound } from "../errors";
import { assertCanWriteTicket, canReadTicket, ticketAccessColumns } from "../permissions";

/** An agent sends a failed mail again by hand: it goes back to the queue and is retried at once. */
export async function retryOutboxMail(deps: Deps, actor: Actor, outboxId: number): Promise<void> {
  const [row] = await deps.db
    .select({ id: outbox.id, status: outbox.status, ticketId: outbox.ticketId, version: tickets.version, ...ticketAccessColumns })
    .from(outbox)
    .leftJoin(tickets, eq(tickets.id, outbox.ticketId))
    .where(eq(outbox.id, outboxId));
  const ticket = row?.queueId != null ? { queueId: row.queueId, createdById: row.createdById, ownerId: row.ownerId } : null;
  if (!row || !ticket || !canReadTicket(actor, ticket)) throw notFound("Mail");
  assertCanWriteTicket(actor, ticket);
  if (row.status !== "failed") throw conflict(`This mail is ${row.status}, not failed`);
  await deps.db.update(outbox).set({ status: "queued", lastError: null }).where(eq(outbox.id, outboxId));
  deps.publish([{ type: "ticket.changed", ticketId: row.ticketId!, queueId: ticket.queueId, version: row.version!, involved: involvedIn(ticket) }]);
  await deps.jobs.enqueue("outbox.deliver", { outboxId });
}
