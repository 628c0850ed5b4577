import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { contacts, ticketEntries, ticketHistory, tickets } from "../../../db/schema";
import { ensureQueue } from "../../../db/seed";
import { makeUser, testDeps } from "../../../db/testing/test-deps";
import { listAudit } from "../audit";
import { mergeContacts } from "./contact-merge";
import { contactByAddress, createContact, getContact, type ContactFields } from "./contacts";
import { ingestRawMail } from "../mail/ingest";
import { createTicket } from "../tickets/tickets";

const deps = testDeps();
const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let queueId: number;
let admin: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  queueId = await ensureQueue(deps.db, `Merge ${stamp}`, 82);
  admin = await makeUser(deps, "admin");
});
afterAll(() => deps.handle.close());

const blank: ContactFields = {
  name: null, salutation: null, firstName: null, lastName: null, company: null, organisationId: null,
  customerNumber: null, customerClass: null, phone: null, mobile: null, street: null, postalCode: null,
  city: null, country: null, notes: null, flag: "none", flagNote: null, portalAccess: false,
};
let seq = 0;
const addr = (label: string) => `${label}-${stamp}-${seq++}@customer.test`;

describe("merging duplicate contacts (K1)", () => {
  it("moves the duplicate's addresses, tickets and mails to the survivor and deletes it", async () => {
    const agent = await makeUser(deps, "agent");
    const keep = addr("keep");
    const dupA = addr("dup-a");
    const dupB = addr("dup-b");
    const survivor = await createContact(deps.db, admin, {
      ...blank, name: "Max Mustermann", phone: "030 1", notes: "Prefers mail", emails: [{ email: keep, primary: true }],
    });
    const duplicate = await createContact(deps.db, admin, {
      ...blank, name: "M. Mustermann", company: "Muster AG", customerNumber: `DUP-${stamp}`, city: "Bonn", notes: "Old account",
      flag: "blocked", flagNote: "Prepayment only", portalAccess: true,
      emails: [{ email: dupA, primary: true }, { email: dupB, primary: false }],
    });
    const byMail = await ingestRawMail(deps, {
      source: "file",
      raw: Buffer.from([`From: ${dupB}`, "To: support@helpdesk.test", `Subject: Dup ${stamp}`, `Message-ID: <dup-${stamp}@customer.test>`, "", "Hallo"].join("\r\n")),
    });
    const byHand = await createTicket(deps, admin, { title: "By hand", queueId, customerEmail: dupA, body: "x" });
    const kept = await createTicket(deps, admin, { title: "Kept", queueId, customerEmail: keep, body: "x" });
    deps.events.length = 0;

    const result = await mergeContacts(deps, agent, { survivorId: survivor.id, duplicateId: duplicate.id });
    expect(result).toMatchObject({ movedTickets: 2, movedEmails: 2 });
    expect(result.survivor).toMatchObject({
      id: survivor.id, name: "Max Mustermann", email: keep, phone: "030 1", company: "Muster AG", customerNumber: `DUP-${stamp}`,
      city: "Bonn", notes: "Prefers mail\n\nOld account", flag: "blocked", flagNote: "Prepayment only", portalAccess: true,
      version: survivor.version + 1,
    });
    expect(result.survivor.emails.map((e) => [e.email, e.isPrimary])).toEqual([[keep, true], [dupA, false], [dupB, false]]);
    expect(await deps.db.select().from(contacts).where(eq(contacts.id, duplicate.id))).toEqual([]);
    for (const id of [byMail.ticketId!, byHand.id, kept.id]) {
      const [t] = await deps.db.select().from(tickets).where(eq(tickets.id, id));
      expect(t.contactId).toBe(survivor.id);
    }
    const [entry] = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.id, byMail.entryId!));
    expect(entry.authorContactId).toBe(survivor.id);
    const history = (await deps.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, byHand.id))).find((h) => h.field === "customer");
    expect(history).toMatchObject({ field: "customer", actorUserId: agent.userId, newValue: `Max Mustermann <${keep}>` });
    // Live lists hear of the moved tickets (not of the one that stayed).
    expect(deps.events.filter((e) => e.type === "ticket.changed").map((e) => "ticketId" in e && e.ticketId).sort()).toEqual([byMail.ticketId, byHand.id].sort());

    // Mail from any merged address now matches the survivor.
    expect((await contactByAddress(deps.db, dupA.toUpperCase()))?.id).toBe(survivor.id);
    const later = await ingestRawMail(deps, {
      source: "file",
      raw: Buffer.from([`From: Max <${dupA}>`, "To: support@helpdesk.test", `Subject: Later ${stamp}`, `Message-ID: <later-${stamp}@customer.test>`, "", "Noch da"].join("\r\n")),
    });
    const [laterTicket] = await deps.db.select().from(tickets).where(eq(tickets.id, later.ticketId!));
    expect(laterTicket.contactId).toBe(survivor.id);

    // Audited: the duplicate's delete (with what it was) and the survivor's change.
    const audit = (await listAudit(deps.db, admin, { limit: 50, entity: "contact" })).items.filter((e) => [String(survivor.id), String(duplicate.id)].includes(e.entityId!));
    expect(audit.slice(0, 2).map((e) => [e.action, e.entityId, e.actorName])).toEqual([
      ["update", String(survivor.id), agent.name],
      ["delete", String(duplicate.id), agent.name],
    ]);
    expect(audit[0].changes.emails).toEqual({ from: [keep], to: [keep, dupA, dupB] });
    expect(audit[1].changes.customerNumber).toEqual({ from: `DUP-${stamp}`, to: null });
    expect(audit[1].entityLabel).toContain(`→ Max Mustermann <${keep}> (#${survivor.id})`);
  });

  it("keeps the survivor's own values and the stricter flag", async () => {
    const survivor = await createContact(deps.db, admin, {
      ...blank, name: "Keeper", city: "Köln", street: "Ring 1", flag: "flagged", flagNote: "VIP", emails: [{ email: addr("keeper"), primary: true }],
    });
    const duplicate = await createContact(deps.db, admin, { ...blank, name: "Other", postalCode: "53111", emails: [{ email: addr("other"), primary: true }] });
    const { survivor: merged } = await mergeContacts(deps, admin, { survivorId: survivor.id, duplicateId: duplicate.id });
    // The address is taken whole or not at all: no postal code from another address.
    expect(merged).toMatchObject({ name: "Keeper", city: "Köln", street: "Ring 1", postalCode: null, flag: "flagged", flagNote: "VIP", portalAccess: false });
  });

  it("refuses to merge a contact into itself, and answers NOT_FOUND for a missing one", async () => {
    const c = await createContact(deps.db, admin, { ...blank, emails: [{ email: addr("self"), primary: true }] });
    await expect(mergeContacts(deps, admin, { survivorId: c.id, duplicateId: c.id })).rejects.toMatchObject({ code: "INVALID" });
    await expect(mergeContacts(deps, admin, { survivorId: c.id, duplicateId: 999_999_999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(mergeContacts(deps, admin, { survivorId: 999_999_999, duplicateId: c.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getContact(deps.db, admin, c.id)).id).toBe(c.id);
  });
});
