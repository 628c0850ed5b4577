import { eq } from "drizzle-orm";
import { outbox, tickets } from "../../db/schema";
import type { Actor } from "./actor";
import type { Deps } from "./events";
import { conflict, notFound } from "./errors";
import { assertCanWriteQueue, canReadQueue } from "./permissions";

/** An agent sends a failed mail again by hand: it goes back to the queue and is retried at once. */
export async function retryOutboxMail(deps: Deps, actor: Actor, outboxId: number): Promise<void> {
  const [row] = await deps.db
    .select({ id: outbox.id, status: outbox.status, ticketId: outbox.ticketId, queueId: tickets.queueId, version: tickets.version })
    .from(outbox)
    .leftJoin(tickets, eq(tickets.id, outbox.ticketId))
    .where(eq(outbox.id, outboxId));
  if (!row || row.queueId === null || !canReadQueue(actor, row.queueId)) throw notFound("Mail");
  assertCanWriteQueue(actor, row.queueId);
  if (row.status !== "failed") throw conflict(`This mail is ${row.status}, not failed`);
  await deps.db.update(outbox).set({ status: "queued", lastError: null }).where(eq(outbox.id, outboxId));
  deps.publish([{ type: "ticket.changed", ticketId: row.ticketId!, queueId: row.queueId, version: row.version! }]);
  await deps.jobs.enqueue("outbox.deliver", { outboxId });
}
