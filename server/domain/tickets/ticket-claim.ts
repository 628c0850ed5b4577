import { eq, sql } from "drizzle-orm";
import { ticketEntries, ticketHistory, tickets, users } from "../../../db/schema";
import type { Actor } from "../actor";
import { assertNotMerged, invalid, notFound, refused } from "../errors";
import type { Deps } from "../events";
import { involvedIn } from "../events";
import { replyToTicket } from "../conversation/entries";
import { addWatchers } from "./watchers";
import { assertCanWriteTicket, canReadTicket } from "../permissions";
import de from "../../../messages/de.json";
import en from "../../../messages/en.json";

/** The text a customer gets on a claim when no admin wrote one, in the claiming agent's language. */
const standardClaimMessage = { en: en["settings.claimMessageDefault"], de: de["settings.claimMessageDefault"] };
import { getSetting } from "../config/settings";

/**
 * C10: an agent takes an unowned ticket. The row lock makes two agents claiming at once
 * safe: the second is told who was faster. When the admin setting says so, the customer
 * is told by a message that goes out like any reply (greeting, signature, outbox).
 */
export async function claimTicket(deps: Deps, actor: Actor, ticketId: number): Promise<{ notifiedCustomer: boolean }> {
  if (actor.kind !== "user") throw invalid("Only users claim tickets");
  const claimed = await deps.db.transaction(async (tx) => {
    const [t] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for("update");
    if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
    assertCanWriteTicket(actor, t);
    assertNotMerged(t);
    const [me] = await tx.select({ name: users.name, canOwnTickets: users.canOwnTickets, language: users.language }).from(users).where(eq(users.id, actor.userId));
    if (!me?.canOwnTickets) throw refused("FORBIDDEN", "You may not own tickets", { key: "errors.mayNotOwn" });
    if (t.ownerId !== null) {
      const [owner] = await tx.select({ name: users.name }).from(users).where(eq(users.id, t.ownerId));
      throw t.ownerId === actor.userId
        ? refused("CONFLICT", "You own this ticket already", { key: "errors.claimOwnAlready" })
        : refused("CONFLICT", `${owner?.name ?? "Someone"} owns this ticket already`, { key: "errors.claimTaken", params: { name: owner?.name ?? "?" } });
    }
    const [updated] = await tx
      .update(tickets)
      .set({ ownerId: actor.userId, version: sql`${tickets.version} + 1`, updatedAt: new Date() })
      .where(eq(tickets.id, t.id))
      .returning();
    await tx.insert(ticketHistory).values({ ticketId: t.id, actorUserId: actor.userId, field: "owner", oldValue: null, newValue: me.name });
    const [entry] = await tx
      .insert(ticketEntries)
      .values({
        ticketId: t.id, kind: "system_event", authorUserId: actor.userId, bodyText: `owner: — → ${me.name}`,
        meta: { field: "owner", from: null, to: me.name },
      })
      .returning({ id: ticketEntries.id });
    await addWatchers(tx, t.id, [actor.userId]);
    return { ticket: updated, entryId: entry.id, agentName: me.name, agentLanguage: me.language ?? "en" };
  });
  const { ticket } = claimed;
  deps.publish([
    { type: "entry.created", ticketId: ticket.id, queueId: ticket.queueId, entryId: claimed.entryId, involved: involvedIn(ticket) },
    { type: "ticket.changed", ticketId: ticket.id, queueId: ticket.queueId, version: ticket.version, involved: involvedIn(ticket) },
  ]);
  const tellCustomer = ticket.contactId !== null && ticket.kind !== "internal" && !ticket.confidential && (await getSetting(deps.db, "tickets.claimNotifiesCustomer"));
  if (!tellCustomer) return { notifiedCustomer: false };
  const own = await getSetting(deps.db, "tickets.claimMessage");
  const text = (own ?? standardClaimMessage[claimed.agentLanguage]).replaceAll("{agent}", claimed.agentName);
  await replyToTicket(deps, actor, { ticketId: ticket.id, body: text });
  return { notifiedCustomer: true };
}
