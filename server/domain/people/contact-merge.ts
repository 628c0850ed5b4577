import { asc, eq, inArray, sql } from "drizzle-orm";
import { contactEmails, contacts, ticketEntries, ticketHistory, tickets, type ContactFlag } from "../../../db/schema";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import { assertContactStaff } from "./contact-access";
import { contactLabel, contactSnapshot, loadContact, lockAddresses, type ContactView } from "./contacts";
import { invalid, notFound } from "../errors";
import { involvedIn, type Deps, type DomainEvent } from "../events";

const severity: Record<ContactFlag, number> = { none: 0, flagged: 1, blocked: 2 };

/** Text kept from both sides: one, the other, or both on separate paragraphs. */
const both = (a: string | null, b: string | null) => (a && b && a !== b ? `${a}\n\n${b}` : a ?? b);

export interface MergeResult {
  survivor: ContactView;
  movedTickets: number;
  movedEmails: number;
}

/**
 * Merges a duplicate contact into the one that survives (K1). The duplicate's addresses move
 * to the survivor (not as its primary), so mail from any of them matches the survivor from
 * now on; its tickets and the mails it wrote move too; the duplicate is deleted. Fields the
 * survivor lacks are taken from the duplicate, notes are kept from both, the stricter flag
 * wins and portal access stays if either had it. Each moved ticket gets a history row and a
 * new version (live lists refetch). Audited: the survivor's change and the duplicate's delete.
 */
export async function mergeContacts(
  deps: Deps,
  actor: Actor,
  input: { survivorId: number; duplicateId: number },
): Promise<MergeResult> {
  assertContactStaff(actor);
  if (input.survivorId === input.duplicateId) throw invalid("A contact cannot be merged into itself");
  const userId = actor.kind === "user" ? actor.userId : null;
  const result = await deps.db.transaction(async (tx) => {
    // Mail from the duplicate's addresses waits until the merge is done, then finds the survivor.
    const addresses = await tx.select({ email: contactEmails.email }).from(contactEmails).where(eq(contactEmails.contactId, input.duplicateId));
    await lockAddresses(tx, addresses.map((a) => a.email));
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    const locked = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(inArray(contacts.id, [input.survivorId, input.duplicateId]))
      .orderBy(asc(contacts.id))
      .for("update");
    if (!locked.some((r) => r.id === input.survivorId)) throw notFound("Contact");
    if (!locked.some((r) => r.id === input.duplicateId)) throw notFound("Duplicate contact");
    const survivor = await loadContact(tx, input.survivorId);
    const duplicate = await loadContact(tx, input.duplicateId);

    const movedEmails = await tx
      .update(contactEmails)
      .set({ contactId: survivor.id, isPrimary: false })
      .where(eq(contactEmails.contactId, duplicate.id))
      .returning({ id: contactEmails.id });
    const moved = await tx
      .update(tickets)
      .set({ contactId: survivor.id, version: sql`${tickets.version} + 1`, updatedAt: new Date() })
      .where(eq(tickets.contactId, duplicate.id))
      .returning();
    if (moved.length) {
      await tx.insert(ticketHistory).values(
        moved.map((t) => ({ ticketId: t.id, actorUserId: userId, field: "customer", oldValue: contactLabel(duplicate), newValue: contactLabel(survivor) })),
      );
    }
    await tx.update(ticketEntries).set({ authorContactId: survivor.id }).where(eq(ticketEntries.authorContactId, duplicate.id));
    // Deleted before the survivor takes its customer number (unique among contacts).
    await tx.delete(contacts).where(eq(contacts.id, duplicate.id));

    const flagFrom = severity[duplicate.flag] > severity[survivor.flag] ? duplicate : survivor;
    await tx
      .update(contacts)
      .set({
        name: survivor.name ?? duplicate.name,
        salutation: survivor.salutation ?? duplicate.salutation,
        firstName: survivor.firstName ?? duplicate.firstName,
        lastName: survivor.lastName ?? duplicate.lastName,
        company: survivor.company ?? duplicate.company,
        organisationId: survivor.organisationId ?? duplicate.organisationId,
        customerNumber: survivor.customerNumber ?? duplicate.customerNumber,
        customerClass: survivor.customerClass ?? duplicate.customerClass,
        phone: survivor.phone ?? duplicate.phone,
        mobile: survivor.mobile ?? duplicate.mobile,
        // The address is one thing: taken whole, or not at all.
        ...(survivor.street || survivor.postalCode || survivor.city || survivor.country
          ? {}
          : { street: duplicate.street, postalCode: duplicate.postalCode, city: duplicate.city, country: duplicate.country }),
        notes: both(survivor.notes, duplicate.notes),
        flag: flagFrom.flag,
        flagNote: flagFrom.flag === "none" ? null : flagFrom.flagNote,
        portalAccess: survivor.portalAccess || duplicate.portalAccess,
        version: sql`${contacts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(contacts.id, survivor.id));
    const merged = await loadContact(tx, survivor.id);
    await recordAudit(tx, actor, {
      entity: "contact", entityId: duplicate.id, label: `${contactLabel(duplicate)} → ${contactLabel(merged)} (#${merged.id})`,
      before: contactSnapshot(duplicate), after: null,
    });
    await recordAudit(tx, actor, { entity: "contact", entityId: merged.id, label: contactLabel(merged), before: contactSnapshot(survivor), after: contactSnapshot(merged) });
    return { survivor: merged, moved, movedEmails: movedEmails.length };
  });
  const events: DomainEvent[] = result.moved.map((t) => ({
    type: "ticket.changed", ticketId: t.id, queueId: t.queueId, version: t.version, involved: involvedIn(t),
  }));
  deps.publish(events);
  return { survivor: result.survivor, movedTickets: result.moved.length, movedEmails: result.movedEmails };
}
