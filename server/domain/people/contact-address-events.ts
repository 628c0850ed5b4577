import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { involvedIn, type DomainEvent } from "../events";

/** A contact's addresses as one comparable value: the primary first, then the others. */
export const addressList = (emails: { email: string; isPrimary: boolean }[]): string =>
  [...emails.filter((e) => e.isPrimary), ...emails.filter((e) => !e.isPrimary)].map((e) => e.email).join(", ");

/**
 * A change of a contact's addresses shows in the timeline of each of the contact's tickets
 * ("Customer's addresses: a → b"), so agents see that the customer is now reached elsewhere
 * and who changed it. One INSERT … SELECT, not one query per ticket. Returns the events to
 * publish after commit.
 */
export async function recordAddressChange(
  tx: DbOrTx,
  actorUserId: number | null,
  contactId: number,
  change: { from: string; to: string },
): Promise<DomainEvent[]> {
  if (change.from === change.to) return [];
  const meta = { field: "customerAddresses", from: change.from, to: change.to };
  const rows = await tx.execute<{ entry_id: number; ticket_id: number; queue_id: number; created_by_id: number | null; owner_id: number | null }>(sql`
    with inserted as (
      insert into ticket_entries (ticket_id, kind, author_user_id, body_text, meta)
      select id, 'system_event'::entry_kind, ${actorUserId}::int, ${`customerAddresses: ${change.from} → ${change.to}`}::text, ${JSON.stringify(meta)}::jsonb
      from tickets where contact_id = ${contactId}
      returning id, ticket_id
    )
    select i.id as entry_id, t.id as ticket_id, t.queue_id, t.created_by_id, t.owner_id
    from inserted i join tickets t on t.id = i.ticket_id`);
  return [...rows].map((r) => ({
    type: "entry.created", ticketId: r.ticket_id, queueId: r.queue_id, entryId: r.entry_id,
    involved: involvedIn({ createdById: r.created_by_id, ownerId: r.owner_id }),
  }));
}
