import { eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { mailAccounts, mailRules, ticketEntries, ticketHistory, tickets } from "../../../db/schema";
import type { Actor } from "../actor";
import { conflict } from "../errors";
import { involvedIn, type DomainEvent } from "../events";

/**
 * What keeps a queue or status from being deleted besides its tickets: mail accounts and
 * mail rules that send new tickets there. Deleting it would leave them pointing nowhere,
 * so the admin changes them first; the refusal names them.
 */
export async function assertNoMailReferences(
  tx: DbOrTx,
  what: string,
  target: { queueId?: number; statusIds: number[] },
): Promise<void> {
  const accountConds: SQL[] = [];
  const ruleConds: SQL[] = [];
  if (target.queueId !== undefined) {
    accountConds.push(eq(mailAccounts.queueId, target.queueId));
    ruleConds.push(sql`(${mailRules.actions}->>'queueId')::int = ${target.queueId}`);
  }
  if (target.statusIds.length) {
    accountConds.push(inArray(mailAccounts.statusId, target.statusIds));
    ruleConds.push(inArray(sql`(${mailRules.actions}->>'statusId')::int`, target.statusIds));
  }
  if (!accountConds.length) return;
  const [accounts, rules] = await Promise.all([
    tx.select({ address: mailAccounts.address }).from(mailAccounts).where(or(...accountConds)),
    tx.select({ name: mailRules.name }).from(mailRules).where(or(...ruleConds)),
  ]);
  const users = [...accounts.map((a) => `mail account ${a.address}`), ...rules.map((r) => `mail rule “${r.name}”`)];
  if (users.length) {
    throw conflict(`${what} is used by ${users.join(", ")}; change ${users.length === 1 ? "it" : "them"} first`);
  }
}

/** One field change on a moved ticket, as the edit form records it. */
export interface MovedChange {
  field: "queue" | "status";
  from: string | null;
  to: string | null;
}

/**
 * Moves the tickets matching `where` to `set` (another queue and status, or another status),
 * as an admin's configuration change: each ticket's version goes up, the history and the
 * timeline record what changed (like the edit form does), and the lists of both queues hear
 * of it once the caller's transaction has committed (the returned events).
 */
export async function moveTickets(
  tx: DbOrTx,
  actor: Actor,
  where: SQL,
  set: { queueId?: number; statusId: number },
  changes: MovedChange[],
): Promise<{ count: number; events: DomainEvent[] }> {
  const before = await tx.select({ id: tickets.id, queueId: tickets.queueId }).from(tickets).where(where).for("update");
  if (before.length === 0) return { count: 0, events: [] };
  const ids = before.map((t) => t.id);
  const moved = await tx
    .update(tickets)
    .set({ ...set, version: sql`${tickets.version} + 1`, updatedAt: new Date() })
    .where(inArray(tickets.id, ids))
    .returning({ id: tickets.id, queueId: tickets.queueId, version: tickets.version, createdById: tickets.createdById, ownerId: tickets.ownerId });
  const userId = actor.kind === "user" ? actor.userId : null;
  const real = changes.filter((c) => c.from !== c.to);
  if (real.length) {
    await tx.insert(ticketHistory).values(
      moved.flatMap((t) => real.map((c) => ({ ticketId: t.id, actorUserId: userId, field: c.field, oldValue: c.from, newValue: c.to }))),
    );
    await tx.insert(ticketEntries).values(
      moved.map((t) => ({
        ticketId: t.id, kind: "system_event" as const, authorUserId: userId,
        bodyText: real.map((c) => `${c.field}: ${c.from ?? "—"} → ${c.to ?? "—"}`).join("\n"),
        meta: { changes: real },
      })),
    );
  }
  const oldQueue = new Map(before.map((t) => [t.id, t.queueId]));
  const events: DomainEvent[] = [];
  for (const t of moved) {
    for (const queueId of new Set([oldQueue.get(t.id)!, t.queueId])) {
      events.push({ type: "ticket.changed", ticketId: t.id, queueId, version: t.version, involved: involvedIn(t) });
    }
    if (oldQueue.get(t.id) !== t.queueId) events.push({ type: "ticket.access.changed", ticketId: t.id });
  }
  return { count: moved.length, events };
}
