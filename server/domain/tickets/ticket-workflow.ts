import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { queues, statuses, ticketEntries, ticketHistory, tickets, users, type Ticket } from "../../../db/schema";

/**
 * How a ticket moves with the conversation (issue 12.1), each step a queue setting and each
 * written to history and timeline like a change by hand. All run in the caller's transaction,
 * on a ticket row it holds locked.
 */

/** Sets a ticket's status and records it; null when it already has that status. */
export async function setStatusInTx(tx: DbOrTx, t: Ticket, statusId: number, actorUserId: number | null) {
  if (t.statusId === statusId) return null;
  const rows = await tx.select().from(statuses).where(inArray(statuses.id, [t.statusId, statusId]));
  const from = rows.find((s) => s.id === t.statusId);
  const to = rows.find((s) => s.id === statusId);
  if (!to || to.queueId !== t.queueId) return null;
  const [ticket] = await tx
    .update(tickets)
    .set({ statusId: to.id, statusChangedAt: new Date(), version: sql`${tickets.version} + 1`, updatedAt: new Date() })
    .where(eq(tickets.id, t.id))
    .returning();
  await tx.insert(ticketHistory).values({ ticketId: t.id, actorUserId, field: "status", oldValue: from?.name ?? null, newValue: to.name });
  const [entry] = await tx
    .insert(ticketEntries)
    .values({
      ticketId: t.id, kind: "system_event", authorUserId: actorUserId,
      bodyText: `Status: ${from?.name ?? "?"} → ${to.name}`,
      meta: { field: "status", from: from?.name ?? null, to: to.name },
    })
    .returning({ id: ticketEntries.id });
  return { ticket, entryId: entry.id };
}

/** An agent's message: they spoke last, and on an unowned ticket they become its owner if the queue says so. */
export async function afterAgentMessage(tx: DbOrTx, t: Ticket, userId: number): Promise<Ticket> {
  const [queue] = await tx.select({ ownerOnFirstReply: queues.ownerOnFirstReply }).from(queues).where(eq(queues.id, t.queueId));
  const takes = t.ownerId === null && queue?.ownerOnFirstReply;
  const [updated] = await tx
    .update(tickets)
    .set({ lastSpeaker: "agent", lastSpokeAt: new Date(), ...(takes ? { ownerId: userId } : {}) })
    .where(eq(tickets.id, t.id))
    .returning();
  if (takes) {
    const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
    await tx.insert(ticketHistory).values({ ticketId: t.id, actorUserId: userId, field: "owner", oldValue: null, newValue: me.name });
    await tx.insert(ticketEntries).values({
      ticketId: t.id, kind: "system_event", authorUserId: userId,
      bodyText: `Owner: → ${me.name}`, meta: { field: "owner", from: null, to: me.name },
    });
  }
  return updated;
}

/**
 * What a customer's answer does to a ticket waiting for them or solved: "reopen" within the
 * queue's days of that status, "followUp" (a new ticket linked to this one) after them.
 */
export async function customerAnswerEffect(tx: DbOrTx, t: Ticket, now = new Date()): Promise<"none" | "reopen" | "followUp"> {
  const [row] = await tx
    .select({ category: statuses.category, days: queues.reopenWithinDays })
    .from(statuses)
    .innerJoin(queues, eq(queues.id, statuses.queueId))
    .where(eq(statuses.id, t.statusId));
  if (!row || (row.category !== "pending" && row.category !== "solved" && row.category !== "closed")) return "none";
  if (row.category === "closed") return "followUp";
  const ageDays = (now.getTime() - t.statusChangedAt.getTime()) / 86_400_000;
  return ageDays <= row.days ? "reopen" : "followUp";
}

/** Moves a ticket to its queue's first "open" status (by position), as the system. */
export async function reopen(tx: DbOrTx, t: Ticket) {
  const [open] = await tx
    .select({ id: statuses.id })
    .from(statuses)
    .where(and(eq(statuses.queueId, t.queueId), eq(statuses.category, "open")))
    .orderBy(asc(statuses.position), asc(statuses.id))
    .limit(1);
  return open ? setStatusInTx(tx, t, open.id, null) : null;
}

/** The customer spoke last, now. */
export async function customerSpoke(tx: DbOrTx, ticketId: number): Promise<Ticket> {
  const [t] = await tx.update(tickets).set({ lastSpeaker: "customer", lastSpokeAt: new Date() }).where(eq(tickets.id, ticketId)).returning();
  return t;
}
