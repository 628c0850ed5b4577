import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { ticketEntries, ticketHistory, tickets } from "../../../db/schema";
import type { DomainEvent } from "../events";
import { involvedIn } from "../events";

/**
 * What a structure change (C6–C8) says in a ticket's timeline. The timeline words it in the
 * reader's language from `kind` and the other ticket's number (EntryItem, messages `structure.event.*`).
 */
export const structureEventKinds = [
  "parentSet", "parentRemoved", "childAdded", "childRemoved", "mergedInto", "mergedFrom", "copiedFrom",
] as const;
export type StructureEventKind = (typeof structureEventKinds)[number];
export interface StructureEventMeta {
  structure: StructureEventKind;
  /** The other ticket's number. */
  number: number;
}

/** History field names of structure changes; values are "#number". */
const historyField: Record<StructureEventKind, string> = {
  parentSet: "parent", parentRemoved: "parent", childAdded: "child", childRemoved: "child",
  mergedInto: "mergedInto", mergedFrom: "mergedFrom", copiedFrom: "copiedFrom",
};

const removes = (k: StructureEventKind) => k === "parentRemoved" || k === "childRemoved";

/**
 * Records one structure change on a ticket, in the caller's transaction: a history row, a
 * system event with `meta`, and a new version. Returns the events to publish after commit.
 */
export async function recordStructureChange(
  tx: DbOrTx,
  ticketId: number,
  actorUserId: number | null,
  change: StructureEventMeta & { previous?: number | null },
): Promise<DomainEvent[]> {
  const value = `#${change.number}`;
  const field = historyField[change.structure];
  const from = removes(change.structure) ? value : change.previous ? `#${change.previous}` : null;
  const to = removes(change.structure) ? null : value;
  const [t] = await tx
    .update(tickets)
    .set({ version: sql`${tickets.version} + 1`, updatedAt: new Date() })
    .where(eq(tickets.id, ticketId))
    .returning();
  await tx.insert(ticketHistory).values({ ticketId, actorUserId, field, oldValue: from, newValue: to });
  const meta: StructureEventMeta = { structure: change.structure, number: change.number };
  const [entry] = await tx
    .insert(ticketEntries)
    .values({ ticketId, kind: "system_event", authorUserId: actorUserId, bodyText: `${change.structure} ${value}`, meta })
    .returning({ id: ticketEntries.id });
  const involved = involvedIn(t);
  return [
    { type: "entry.created", ticketId, queueId: t.queueId, entryId: entry.id, involved },
    { type: "ticket.changed", ticketId, queueId: t.queueId, version: t.version, involved },
  ];
}
