import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { contactEmails, contacts, ticketEntries, tickets } from "../../../db/schema";
import { ensureQueue } from "../../../db/seed";
import { makeUser, testDeps } from "../../../db/testing/test-deps";
import { listAudit } from "../audit";
import {
  contactByAddress, contactTickets, createContact, findOrCreateContact, getContact, searchContacts, updateContact,
  type ContactFields, type ContactInput, type ContactView,
} from "./contacts";
import { ingestRawMail } from "../mail/ingest";
import { createOrganisation, searchOrganisations, updateOrganisation } from "./organisations";
import { createTicket, getTicketRow } from "../tickets/tickets";

const deps = testDeps();
const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let queueId: number;
let otherQueueId: number;
type Admin = Awaited<ReturnType<typeof makeUser>>;
let admin: Admin;

beforeAll(async () => {
  queueId = await ensureQueue(deps.db, `Contacts ${stamp}`, 80);
  otherQueueId = await ensureQueue(deps.db, `Contacts other ${stamp}`, 81);
  admin = await makeUser(deps, "admin");
});
afterAll(() => deps.handle.close());

const blank: ContactFields = {
  name: null, salutation: null, firstName: null, lastName: null, company: null, organisationId: null,
  customerNumber: null, customerClass: null, phone: null, mobile: null, street: null, postalCode: null,
  city: null, country: null, notes: null, flag: "none", flagNote: null, portalAccess: false,
};
let seq = 0;
/** A unique address of this run. */
const addr = (label: string) => `${label}-${stamp}-${seq++}@customer.test`;
const input = (view: ContactView): ContactInput & { id: number; version: number } => ({
  ...blank, ...view, emails: view.emails.map((e) => ({ email: e.email, primary: e.isPrimary })),
});

function mail(from: string, subject: string) {
  return Buffer.from(
    [
      `From: ${from}`, "To: support@helpdesk.test", `Subject: ${subject}`, `Message-ID: <${stamp}-${seq++}@customer.test>`,
      "Content-Type: text/plain; charset=utf-8", "", "Hallo",
    ].join("\r\n"),
  );
}

describe("addresses (K1)", () => {
  it("finds a contact by any of its addresses, regardless of case, and creates unknown senders once", async () => {
    const a = addr("first");
    const created = await findOrCreateContact(deps.db, a, "Frida First");
    expect(created).toMatchObject({ email: a, name: "Frida First" });
    const again = await findOrCreateContact(deps.db, a.toUpperCase(), "Other Name");
    expect(again.id).toBe(created.id);
    expect(again.name).toBe("Frida First"); // a known name is kept
    const second = addr("second");
    await updateContact(deps, admin, { ...input(await getContact(deps.db, admin, created.id)), emails: [{ email: a, primary: true }, { email: second, primary: false }] });
    expect((await findOrCreateContact(deps.db, ` ${second.toUpperCase()} `)).id).toBe(created.id);
    expect((await contactByAddress(deps.db, second))?.id).toBe(created.id);
    const rows = await deps.db.select().from(contactEmails).where(eq(contactEmails.contactId, created.id));
    expect(rows.map((r) => [r.email, r.isPrimary]).sort()).toEqual([[a, true], [second, false]].sort());
  });

  it("a mail fills what the contact lacks: first and last name from the display name, an unused customer number (issue 12.7)", async () => {
    const a = addr("carla");
    const raw = (name: string, number: string) =>
      Buffer.from([`From: ${name} <${a}>`, "To: support@helpdesk.test", `Subject: Drucker ${seq++}`, `Message-ID: <${stamp}-${seq++}@customer.test>`, "", `Kundennummer: ${number}`].join("\r\n"));
    await ingestRawMail(deps, { source: "file", raw: raw("Kundin, Carla", `K-${stamp}7`) });
    const filled = await contactByAddress(deps.db, a);
    expect(filled).toMatchObject({ name: "Kundin, Carla", firstName: "Carla", lastName: "Kundin", customerNumber: `K-${stamp}7` });

    // What is there stays: a later mail with another name and number changes nothing.
    await ingestRawMail(deps, { source: "file", raw: raw("C. Someone Else", `K-${stamp}9`) });
    expect(await contactByAddress(deps.db, a)).toMatchObject({ firstName: "Carla", lastName: "Kundin", customerNumber: `K-${stamp}7` });

    // A number another contact has is not taken over.
    const b = addr("other");
    await ingestRawMail(deps, { source: "file", raw: Buffer.from([`From: Otto Other <${b}>`, "Subject: x", `Message-ID: <${stamp}-${seq++}@customer.test>`, "", `Kundennummer: K-${stamp}7`].join("\r\n")) });
    expect(await contactByAddress(deps.db, b)).toMatchObject({ firstName: "Otto", lastName: "Other", customerNumber: null });
  });

  it("concurrent first mails from one new address make one contact", async () => {
    const a = addr("race");
    const made = await Promise.all([0, 1, 2, 3].map((i) => deps.db.transaction((tx) => findOrCreateContact(tx, i % 2 ? a.toUpperCase() : a))));
    expect(new Set(made.map((c) => c.id)).size).toBe(1);
  });

  it("an address belongs to one contact only: refused beside the field, also by the database", async () => {
    const taken = addr("taken");
    const owner = await createContact(deps.db, admin, { ...blank, name: "Owner", emails: [{ email: taken, primary: true }] });
    const other = await createContact(deps.db, admin, { ...blank, emails: [{ email: addr("other"), primary: true }] });
    await expect(
      updateContact(deps, admin, { ...input(other), emails: [...input(other).emails, { email: taken.toUpperCase(), primary: false }] }),
    ).rejects.toMatchObject({ code: "CONFLICT", details: { fieldErrors: { "emails.1": [expect.stringContaining("Owner")] } } });
    await expect(createContact(deps.db, admin, { ...blank, emails: [{ email: taken, primary: true }] })).rejects.toMatchObject({
      code: "CONFLICT", details: { fieldErrors: { "emails.0": [expect.any(String)] } },
    });
    await expect(
      createContact(deps.db, admin, { ...blank, emails: [{ email: addr("twice"), primary: true }, { email: "X" + taken, primary: false }, { email: "x" + taken.toUpperCase(), primary: false }] }),
    ).rejects.toMatchObject({ code: "INVALID", details: { fieldErrors: { "emails.2": ["This address is listed twice"] } } });
    await expect(updateContact(deps, admin, { ...input(other), emails: [] })).rejects.toMatchObject({ code: "INVALID" });
    // The unique index stands behind the rule, whatever the case.
    await expect(deps.db.insert(contactEmails).values({ contactId: other.id, email: taken.toUpperCase() })).rejects.toThrow();
    expect((await contactByAddress(deps.db, taken))?.id).toBe(owner.id);
  });

  it("changing the primary address changes where replies go; removing an address frees it", async () => {
    const a = addr("prim-a");
    const b = addr("prim-b");
    const c = await createContact(deps.db, admin, { ...blank, emails: [{ email: a, primary: true }, { email: b, primary: false }] });
    const swapped = await updateContact(deps, admin, { ...input(c), emails: [{ email: a, primary: false }, { email: b, primary: true }] });
    expect(swapped.email).toBe(b);
    expect(swapped.emails[0]).toMatchObject({ email: b, isPrimary: true });
    const dropped = await updateContact(deps, admin, { ...input(swapped), emails: [{ email: b, primary: true }] });
    expect(dropped.emails.map((e) => e.email)).toEqual([b]);
    expect(await contactByAddress(deps.db, a)).toBeNull();
    expect((await findOrCreateContact(deps.db, a)).id).not.toBe(c.id);
  });

  it("mail from a second address lands on the same contact", async () => {
    const first = addr("mail-1");
    const r1 = await ingestRawMail(deps, { source: "file", raw: mail(`Mia Mail <${first}>`, `First ${stamp}`) });
    const [t1] = await deps.db.select().from(tickets).where(eq(tickets.id, r1.ticketId!));
    const c = await getContact(deps.db, admin, t1.contactId!);
    expect(c).toMatchObject({ name: "Mia Mail", email: first });
    const second = addr("mail-2");
    await updateContact(deps, admin, { ...input(c), emails: [...input(c).emails, { email: second, primary: false }] });
    const r2 = await ingestRawMail(deps, { source: "file", raw: mail(`Mia Private <${second.toUpperCase()}>`, `Second ${stamp}`) });
    expect(r2.status).toBe("created");
    const [t2] = await deps.db.select().from(tickets).where(eq(tickets.id, r2.ticketId!));
    expect(t2.contactId).toBe(c.id);
    const [entry] = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.id, r2.entryId!));
    expect(entry.authorContactId).toBe(c.id);
    expect(await deps.db.select().from(contacts).where(eq(contacts.email, second))).toEqual([]);
  });
});

describe("editing a contact", () => {
  it("stores every field, derives the display name, and refuses a stale save", async () => {
    const org = await createOrganisation(deps.db, admin, { name: `Edit Org ${stamp}`, customerNumber: null, street: null, postalCode: null, city: null, country: null, notes: null });
    const c = await createContact(deps.db, admin, { ...blank, firstName: " Erika ", lastName: "Muster", emails: [{ email: addr("edit"), primary: true }] });
    expect(c.name).toBe("Erika Muster");
    const saved = await updateContact(deps, admin, {
      ...input(c), name: "Frau Muster", salutation: "ms", company: "Muster GmbH", organisationId: org.id, customerNumber: `K-${stamp}`,
      customerClass: "Gold", phone: "+49 30 1234", mobile: "", street: "Hauptstr. 1", postalCode: "10115", city: "Berlin",
      country: "DE", notes: "Calls at noon", flag: "blocked", flagNote: "Unpaid invoices", portalAccess: true,
    });
    expect(saved).toMatchObject({
      name: "Frau Muster", salutation: "ms", firstName: "Erika", organisationName: org.name, mobile: null, flag: "blocked",
      flagNote: "Unpaid invoices", portalAccess: true, version: c.version + 1,
    });
    await expect(updateContact(deps, admin, { ...input(c), city: "Hamburg" })).rejects.toMatchObject({ code: "CONFLICT" });
    const unflagged = await updateContact(deps, admin, { ...input(saved), flag: "none" });
    expect(unflagged.flagNote).toBeNull(); // no note without a flag
    const same = await updateContact(deps, admin, input(unflagged));
    expect(same.version).toBe(unflagged.version); // nothing changed, nothing bumped
    await expect(updateContact(deps, admin, { ...input(same), organisationId: 999_999 })).rejects.toMatchObject({
      code: "INVALID", details: { fieldErrors: { organisationId: [expect.any(String)] } },
    });
    const other = await createContact(deps.db, admin, { ...blank, emails: [{ email: addr("num"), primary: true }] });
    await expect(updateContact(deps, admin, { ...input(other), customerNumber: `k-${stamp}` })).rejects.toMatchObject({
      code: "CONFLICT", details: { fieldErrors: { customerNumber: [expect.any(String)] } },
    });
  });

  it("the flag shows on the ticket's row", async () => {
    const a = addr("row");
    const t = await createTicket(deps, admin, { title: "Row flag", queueId, customerEmail: a, body: "x" });
    const c = await getContact(deps.db, admin, t.contactId!);
    await updateContact(deps, admin, { ...input(c), flag: "flagged", flagNote: "VIP" });
    expect(await getTicketRow(deps.db, admin, t.id)).toMatchObject({ contactId: c.id, contactFlag: "flagged", contactFlagNote: "VIP", contactEmail: a });
  });

  it("records every change by staff in the audit log, with the addresses", async () => {
    const user = await makeUser(deps, "agent");
    const a = addr("audit");
    const c = await createContact(deps.db, user, { ...blank, name: "Audit Person", emails: [{ email: a, primary: true }] });
    const b = addr("audit-2");
    await updateContact(deps, user, { ...input(c), flag: "flagged", flagNote: "Check first", emails: [{ email: a, primary: true }, { email: b, primary: false }] });
    const entries = (await listAudit(deps.db, admin, { limit: 50, entity: "contact" })).items.filter((e) => e.entityId === String(c.id));
    expect(entries.map((e) => [e.action, e.actorName])).toEqual([["update", user.name], ["create", user.name]]);
    expect(entries[0].changes).toEqual({
      flag: { from: "none", to: "flagged" }, flagNote: { from: null, to: "Check first" }, emails: { from: [a], to: [a, b] },
    });
    expect(entries[1].entityLabel).toBe(`Audit Person <${a}>`);
    const org = await createOrganisation(deps.db, user, { name: `Audit Org ${stamp}`, customerNumber: null, street: null, postalCode: null, city: null, country: null, notes: null });
    await updateOrganisation(deps.db, user, { ...org, city: "Köln" });
    const orgEntries = (await listAudit(deps.db, admin, { limit: 50, entity: "organisation" })).items.filter((e) => e.entityId === String(org.id));
    expect(orgEntries.map((e) => e.action)).toEqual(["update", "create"]);
    expect(orgEntries[0].changes).toEqual({ city: { from: null, to: "Köln" } });
  });
});

describe("search (K1)", () => {
  let target: ContactView;
  const tag = stamp.slice(-6);
  beforeAll(async () => {
    const org = await createOrganisation(deps.db, admin, {
      name: `Orgname${tag} AG`, customerNumber: `ORG${tag}`, street: null, postalCode: null, city: null, country: null, notes: null,
    });
    target = await createContact(deps.db, admin, {
      ...blank, name: `Display${tag}`, firstName: `First${tag}`, lastName: `Last${tag}`, company: `Company${tag} GmbH`,
      organisationId: org.id, customerNumber: `CN-${tag}`, customerClass: `Class${tag}`, phone: `+49 (30) 55${tag.replace(/\D/g, "")}77`,
      street: `Street${tag} 5`, postalCode: `P${tag}`, city: `City${tag}`, country: `Country${tag}`,
      emails: [{ email: `primary${tag}@find.test`, primary: true }, { email: `secondary${tag}@find.test`, primary: false }],
    });
    // A decoy that shares nothing but the domain.
    await createContact(deps.db, admin, { ...blank, name: "Decoy", emails: [{ email: `decoy${tag}x@find.test`, primary: true }] });
  });
  const ids = async (query: string) => (await searchContacts(deps.db, admin, { query, page: 1, pageSize: 50 })).items.map((i) => i.id);

  it.each([
    ["display name", (t: string) => `display${t}`],
    ["first name", (t: string) => `FIRST${t}`],
    ["last name", (t: string) => `last${t}`],
    ["company", (t: string) => `company${t}`],
    ["organisation name", (t: string) => `orgname${t}`],
    ["organisation number", (t: string) => `ORG${t}`],
    ["customer number", (t: string) => `cn-${t}`],
    ["customer class", (t: string) => `class${t}`],
    ["primary address", (t: string) => `primary${t}@`],
    ["second address", (t: string) => `secondary${t}`],
    ["street", (t: string) => `street${t}`],
    ["postal code", (t: string) => `p${t}`],
    ["city", (t: string) => `city${t}`],
    ["country", (t: string) => `country${t}`],
  ])("finds a contact by its %s", async (_field, query) => {
    expect(await ids(query(tag))).toEqual([target.id]);
  });

  it("finds by phone as written and as bare digits; every word must match", async () => {
    const digits = `55${tag.replace(/\D/g, "")}77`;
    expect(await ids(`(30) 55${tag.replace(/\D/g, "")}77`)).toContain(target.id);
    expect(await ids(`4930${digits}`)).toEqual([target.id]);
    expect(await ids(`city${tag} first${tag}`)).toEqual([target.id]);
    expect(await ids(`city${tag} decoy`)).toEqual([]);
  });

  it("takes % and _ literally, pages the results and counts them all", async () => {
    expect(await ids(`%${tag}`)).toEqual([]);
    expect(await ids(`secondary_${tag}`)).toEqual([]);
    const page1 = await searchContacts(deps.db, admin, { query: `@find.test ${tag}`, page: 1, pageSize: 1 });
    const page2 = await searchContacts(deps.db, admin, { query: `@find.test ${tag}`, page: 2, pageSize: 1 });
    expect(page1.total).toBe(2);
    expect(new Set([...page1.items, ...page2.items].map((i) => i.id)).size).toBe(2);
    expect([...page1.items, ...page2.items].find((i) => i.id === target.id)?.emailCount).toBe(2);
  });

  it("lists an organisation's members and finds organisations", async () => {
    const members = await searchContacts(deps.db, admin, { query: "", organisationId: target.organisationId, page: 1, pageSize: 10 });
    expect(members.items.map((m) => m.id)).toEqual([target.id]);
    const orgs = await searchOrganisations(deps.db, admin, { query: `orgname${tag}`, page: 1, pageSize: 10 });
    expect(orgs.items).toMatchObject([{ id: target.organisationId, memberCount: 1 }]);
  });
});

describe("a contact's tickets", () => {
  it("shows only the tickets the viewer may read", async () => {
    const a = addr("tickets");
    const agent = await makeUser(deps, "agent", { queues: { [queueId]: "manage", [otherQueueId]: "read_own" } });
    const managed = await createTicket(deps, admin, { title: "Managed", queueId, customerEmail: a, body: "x" });
    const own = await createTicket(deps, admin, { title: "Own in other", queueId: otherQueueId, customerEmail: a, body: "x" });
    await deps.db.update(tickets).set({ ownerId: agent.userId }).where(eq(tickets.id, own.id));
    const foreign = await createTicket(deps, admin, { title: "Foreign", queueId: otherQueueId, customerEmail: a, body: "x" });
    const contactId = managed.contactId!;
    const seen = async (actor: Admin) => (await contactTickets(deps.db, actor, { contactId, limit: 50 })).items.map((t) => t.id).sort();
    expect(await seen(admin)).toEqual([managed.id, own.id, foreign.id].sort());
    // A manager of the first queue, only "read own" on the other: the foreign ticket stays hidden.
    expect(await seen(agent)).toEqual([managed.id, own.id].sort());
    expect((await contactTickets(deps.db, agent, { contactId, limit: 50 })).total).toBe(2);
    const backoffice = await makeUser(deps, "backoffice", { queues: { [queueId]: "manage" }, rights: [] });
    expect(await seen(backoffice)).toEqual([]);
  });
});
