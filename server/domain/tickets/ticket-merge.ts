import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import {
  inboundMails, notifications, outbox, reminders, statuses, ticketEntries, ticketHistory, ticketLocks, ticketWatchers, tickets, timeEntries,
} from "../../../db/schema";
import type { Actor } from "../actor";
import { invalid, notFound, refused } from "../errors";
import type { Deps, DomainEvent } from "../events";
import { involvedIn } from "../events";
import { assertCanWriteTicket, canReadTicket } from "../permissions";
import { isSelfOrAncestor } from "./ticket-links";
import { recordStructureChange } from "./ticket-structure-events";

/**
 * Merging (C7): the source's entries move into the target, where they keep their time and so
 * stand among the target's entries in order; their attachments, time entries and mail records
 * follow, watchers are united, children move to the target. The source stays as a closed
 * pointer (`merged_into_id`), so mail to it lands in the target (ingest follows the chain).
 */
export async function mergeTickets(deps: Deps, actor: Actor, input: { sourceId: number; targetId: number }) {
  const userId = actor.kind === "user" ? actor.userId : null;
  if (input.sourceId === input.targetId) throw refused("INVALID", "A ticket cannot be merged into itself", { key: "errors.mergeSelf" });
  const events = await deps.db.transaction(async (tx) => {
    const locked = [];
    // Locked in id order, so two merges between the same tickets cannot deadlock.
    for (const id of [input.sourceId, input.targetId].sort((a, b) => a - b)) {
      const [t] = await tx.select().from(tickets).where(eq(tickets.id, id)).for("update");
      if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
      locked.push(t);
    }
    const source = locked.find((t) => t.id === input.sourceId)!;
    const target = locked.find((t) => t.id === input.targetId)!;
    assertCanWriteTicket(actor, source);
    assertCanWriteTicket(actor, target);
    if (source.mergedIntoId !== null) throw refused("INVALID", `#${source.number} is already merged into another ticket`, { key: "errors.mergeSourceMerged", params: { number: source.number } });
    if (target.mergedIntoId !== null) throw refused("INVALID", `#${target.number} was itself merged into another ticket; merge into that one`, { key: "errors.mergeTargetMerged", params: { number: target.number } });
    if (await isSelfOrAncestor(tx, source.id, target.id)) {
      throw refused("INVALID", `#${target.number} is a child of #${source.number} (or further down); a ticket cannot be merged into its own child`, { key: "errors.mergeIntoChild", params: { target: target.number, source: source.number } });
    }
    const [from] = await tx.select().from(statuses).where(eq(statuses.id, source.statusId));
    const closed = await closedStatus(tx, source.queueId);

    const moved = await tx.update(ticketEntries).set({ ticketId: target.id }).where(eq(ticketEntries.ticketId, source.id)).returning({ id: ticketEntries.id });
    await tx.update(timeEntries).set({ ticketId: target.id }).where(eq(timeEntries.ticketId, source.id));
    // Pending reminders ring on the target (whether the recipient may read it is checked when they fire).
    await tx.update(reminders).set({ ticketId: target.id }).where(and(eq(reminders.ticketId, source.id), isNull(reminders.firedAt)));
    await tx.update(outbox).set({ ticketId: target.id }).where(eq(outbox.ticketId, source.id));
    await tx.update(inboundMails).set({ ticketId: target.id }).where(eq(inboundMails.ticketId, source.id));
    // Notifications about a moved entry now point where the entry is.
    await tx.update(notifications).set({ ticketId: target.id }).where(and(eq(notifications.ticketId, source.id), isNotNull(notifications.entryId)));
    await tx.execute(sql`
      insert into ${ticketWatchers} (ticket_id, user_id)
      select ${target.id}, user_id from ${ticketWatchers} where ticket_id = ${source.id}
      on conflict do nothing`);
    const locks = await tx.delete(ticketLocks).where(eq(ticketLocks.ticketId, source.id)).returning({ ticketId: ticketLocks.ticketId });

    await tx
      .update(tickets)
      .set({ mergedIntoId: target.id, statusId: closed.id, parentId: null })
      .where(eq(tickets.id, source.id));
    await tx
      .update(tickets)
      .set({ lastEntryAt: sql`greatest(${tickets.lastEntryAt}, ${source.lastEntryAt.toISOString()}::timestamptz)` })
      .where(eq(tickets.id, target.id));
    if (from && from.id !== closed.id) {
      await tx.insert(ticketHistory).values({ ticketId: source.id, actorUserId: userId, field: "status", oldValue: from.name, newValue: closed.name });
    }
    const out: DomainEvent[] = [
      ...(await recordStructureChange(tx, source.id, userId, { structure: "mergedInto", number: target.number })),
      ...(await recordStructureChange(tx, target.id, userId, { structure: "mergedFrom", number: source.number })),
    ];
    if (source.parentId !== null && source.parentId !== target.id) {
      const [parent] = await tx.select({ id: tickets.id, number: tickets.number }).from(tickets).where(eq(tickets.id, source.parentId));
      if (parent) out.push(...(await recordStructureChange(tx, parent.id, userId, { structure: "childRemoved", number: source.number })));
    }
    // The source's children now hang below the target (it cannot be one of them: checked above).
    const children = await tx.update(tickets).set({ parentId: target.id }).where(eq(tickets.parentId, source.id)).returning({ id: tickets.id, number: tickets.number });
    for (const c of children) {
      out.push(...(await recordStructureChange(tx, c.id, userId, { structure: "parentSet", number: target.number, previous: source.number })));
      out.push(...(await recordStructureChange(tx, target.id, userId, { structure: "childAdded", number: c.number })));
    }
    if (locks.length) out.push({ type: "lock.changed", ticketId: source.id, queueId: source.queueId, lock: null, involved: involvedIn(source) });
    // The source is now a pointer into the target: its open pages are re-checked.
    out.push({ type: "ticket.access.changed", ticketId: source.id });
    return { out, movedEntryIds: moved.map((m) => m.id) };
  });
  deps.publish(events.out);
  return { targetId: input.targetId, movedEntries: events.movedEntryIds.length };
}

/** The status a merged ticket gets: its queue's first "closed" status, else its first "solved" one. */
async function closedStatus(tx: DbOrTx, queueId: number) {
  const rows = await tx
    .select()
    .from(statuses)
    .where(and(eq(statuses.queueId, queueId), inArray(statuses.category, ["closed", "solved"])))
    .orderBy(asc(statuses.position), asc(statuses.id));
  const status = rows.find((s) => s.category === "closed") ?? rows[0];
  if (!status) throw invalid("The source's queue has no closed status to give the merged ticket");
  return status;
}
