import { and, asc, count, desc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import {
  contactEmails, contacts, organisations, queues, statuses, tickets,
  type Contact, type ContactFlag, type ContactSalutation, type StatusCategory,
} from "../../../db/schema";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import { splitPersonName } from "../../../lib/person-name";
import type { Deps } from "../events";
import { addressList, recordAddressChange } from "./contact-address-events";
import { assertContactStaff } from "./contact-access";
import { contactOrder, contactSearchWhere } from "./contact-search";
import { AppError, conflict, notFound } from "../errors";
import { readableTicketsWhere } from "../permissions";

/**
 * Contacts (K1): the customers who write in. Unknown senders become contacts; a contact has
 * one or more addresses, each unique regardless of case, one of them the primary (replies go
 * to it). Staff search, edit and merge them; every change by staff is audited.
 */

/** The editable fields of a contact, as the form saves them (the whole contact at once). */
export interface ContactFields {
  /** The display name; empty: first and last name. */
  name: string | null;
  salutation: ContactSalutation | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  organisationId: number | null;
  customerNumber: string | null;
  customerClass: string | null;
  phone: string | null;
  mobile: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  notes: string | null;
  flag: ContactFlag;
  flagNote: string | null;
  portalAccess: boolean;
}

export interface ContactInput extends ContactFields {
  /** Every address of the contact, in order; exactly one is the primary (none marked: the first). */
  emails: { email: string; primary: boolean }[];
}

export interface ContactEmailView {
  id: number;
  email: string;
  isPrimary: boolean;
}

export type ContactView = Omit<Contact, "searchText"> & {
  organisationName: string | null;
  emails: ContactEmailView[];
};

export interface ContactListItem {
  id: number;
  name: string | null;
  email: string;
  company: string | null;
  organisationId: number | null;
  organisationName: string | null;
  customerNumber: string | null;
  phone: string | null;
  city: string | null;
  customerClass: string | null;
  flag: ContactFlag;
  flagNote: string | null;
  /** How many addresses the contact has (the list shows the primary and "+n"). */
  emailCount: number;
}

export interface ContactTicket {
  id: number;
  number: number;
  title: string;
  queueName: string;
  statusName: string;
  statusNameDe: string | null;
  statusCategory: StatusCategory;
  priority: number;
  lastEntryAt: Date;
}

export const MAX_CONTACT_EMAILS = 20;

/** Trimmed text, or null for nothing. */
export const clean = (v: string | null | undefined): string | null => {
  const t = v?.trim();
  return t ? t : null;
};

/** A domain error about one field, shown beside it (the error formatter passes `fieldErrors` on). */
export function fieldError(code: "INVALID" | "CONFLICT", field: string, message: string): AppError {
  return new AppError(code, message, { fieldErrors: { [field]: [message] } });
}

/** A unique index refused a row (postgres error 23505), optionally a given index. */
export function isUniqueViolation(err: unknown, index?: string): boolean {
  for (let e = err as { code?: string; constraint_name?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") return !index || e.constraint_name === index;
  }
  return false;
}

/** The display name: as entered, else first and last name. */
export function displayNameOf(f: Pick<ContactFields, "name" | "firstName" | "lastName">): string | null {
  return clean(f.name) ?? clean([clean(f.firstName), clean(f.lastName)].filter(Boolean).join(" "));
}

/** How the audit log and the history show a contact: its name and primary address. */
export const contactLabel = (c: { name: string | null; email: string }) => (c.name ? `${c.name} <${c.email}>` : c.email);

/**
 * Serialises everything that adds an address (mail ingest, staff edits) per address, so two
 * of them cannot give one address to two contacts at once. Held until the transaction ends.
 */
export async function lockAddresses(tx: DbOrTx, addresses: string[]): Promise<void> {
  const keys = [...new Set(addresses.map((a) => `contact-email:${a.trim().toLowerCase()}`))].sort();
  for (const key of keys) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

/** The contact that has this address (any of its addresses, case-insensitive), or null. */
export async function contactByAddress(db: DbOrTx, address: string): Promise<Contact | null> {
  const [row] = await db
    .select({ contact: contacts })
    .from(contactEmails)
    .innerJoin(contacts, eq(contacts.id, contactEmails.contactId))
    .where(eq(sql`lower(${contactEmails.email})`, address.trim().toLowerCase()));
  return row?.contact ?? null;
}

/**
 * The customer of a mail or a new ticket: the contact with this address among all addresses
 * of all contacts (case-insensitive), or a new contact with it as the primary address. Race-
 * safe: concurrent calls for one address are serialised. What the mail tells is reused
 * where the contact has nothing yet (K1): the display name fills the name and, when it is a
 * person's, first and last name; a customer number found in the mail fills an empty one,
 * unless another contact has it.
 */
export async function findOrCreateContact(db: DbOrTx, email: string, name?: string | null, customerNumber?: string | null): Promise<Contact> {
  const address = email.trim();
  return db.transaction(async (tx) => {
    await lockAddresses(tx, [address]);
    const existing = await contactByAddress(tx, address);
    const found = { name: clean(name), ...splitPersonName(name), customerNumber: await freeCustomerNumber(tx, customerNumber) };
    if (existing) {
      const set = {
        ...(found.name && !existing.name ? { name: found.name } : {}),
        ...(found.firstName && !existing.firstName && !existing.lastName ? { firstName: found.firstName, lastName: found.lastName } : {}),
        ...(found.customerNumber && !existing.customerNumber ? { customerNumber: found.customerNumber } : {}),
      };
      if (Object.keys(set).length === 0) return existing;
      const [filled] = await tx
        .update(contacts)
        .set({ ...set, version: sql`${contacts.version} + 1`, updatedAt: new Date() })
        .where(eq(contacts.id, existing.id))
        .returning();
      return filled;
    }
    const [created] = await tx
      .insert(contacts)
      .values({ email: address, name: found.name, firstName: found.firstName ?? null, lastName: found.lastName ?? null, customerNumber: found.customerNumber })
      .returning();
    await tx.insert(contactEmails).values({ contactId: created.id, email: address, isPrimary: true });
    return created;
  });
}

/** The number, when it is one and no contact has it yet (customer numbers are unique). */
async function freeCustomerNumber(tx: DbOrTx, customerNumber: string | null | undefined): Promise<string | null> {
  const n = clean(customerNumber);
  if (!n) return null;
  const [taken] = await tx.select({ id: contacts.id }).from(contacts).where(eq(sql`lower(${contacts.customerNumber})`, n.toLowerCase())).limit(1);
  return taken ? null : n;
}

async function emailsOf(db: DbOrTx, contactId: number): Promise<ContactEmailView[]> {
  return db
    .select({ id: contactEmails.id, email: contactEmails.email, isPrimary: contactEmails.isPrimary })
    .from(contactEmails)
    .where(eq(contactEmails.contactId, contactId))
    .orderBy(desc(contactEmails.isPrimary), asc(contactEmails.id));
}

/** One contact with its addresses and organisation; NOT_FOUND when it does not exist. */
export async function getContact(db: DbOrTx, actor: Actor, contactId: number): Promise<ContactView> {
  assertContactStaff(actor);
  return loadContact(db, contactId);
}

export async function loadContact(db: DbOrTx, contactId: number): Promise<ContactView> {
  const [row] = await db
    .select({ contact: contacts, organisationName: organisations.name })
    .from(contacts)
    .leftJoin(organisations, eq(organisations.id, contacts.organisationId))
    .where(eq(contacts.id, contactId));
  if (!row) throw notFound("Contact");
  const { searchText: _searchText, ...contact } = row.contact;
  return { ...contact, organisationName: row.organisationName, emails: await emailsOf(db, contactId) };
}

/** What the audit log keeps of a contact: its fields and its addresses (primary first). */
export function contactSnapshot(c: ContactView): Record<string, unknown> {
  const { version: _v, createdAt: _c, updatedAt: _u, id: _id, emails, organisationName, ...fields } = c;
  return { ...fields, organisation: organisationName, emails: emails.map((e) => e.email) };
}

export interface ContactSearchInput {
  query?: string | null;
  /** Only the members of this organisation. */
  organisationId?: number | null;
  page: number;
  pageSize: number;
}

/** A page of contacts matching the query (any field, see contact-search.ts), with the total. */
export async function searchContacts(
  db: DbOrTx,
  actor: Actor,
  input: ContactSearchInput,
): Promise<{ items: ContactListItem[]; total: number; page: number; pageSize: number }> {
  assertContactStaff(actor);
  const where = and(contactSearchWhere(input.query), input.organisationId ? eq(contacts.organisationId, input.organisationId) : undefined);
  // The page's ids first (one table, in index order), then their details: a deep page does not
  // join and count addresses for every row it skips.
  const [page, [{ total }]] = await Promise.all([
    db
      .select({ id: contacts.id })
      .from(contacts)
      .where(where)
      .orderBy(...contactOrder(input.query))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: count() }).from(contacts).where(where),
  ]);
  const ids = page.map((p) => p.id);
  const rows = ids.length
    ? await db
        .select({
          id: contacts.id, name: contacts.name, email: contacts.email, company: contacts.company,
          organisationId: contacts.organisationId, organisationName: organisations.name,
          customerNumber: contacts.customerNumber, phone: contacts.phone, city: contacts.city,
          customerClass: contacts.customerClass, flag: contacts.flag, flagNote: contacts.flagNote,
          emailCount: sql<number>`(select count(*)::int from "contact_emails" ce where ce."contact_id" = "contacts"."id")`,
        })
        .from(contacts)
        .leftJoin(organisations, eq(organisations.id, contacts.organisationId))
        .where(inArray(contacts.id, ids))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = ids.map((id) => byId.get(id)).filter((r): r is ContactListItem => r !== undefined);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

/** The contact's tickets that the actor may read, newest activity first, and how many there are. */
export async function contactTickets(
  db: DbOrTx,
  actor: Actor,
  input: { contactId: number; limit: number; excludeTicketId?: number },
): Promise<{ items: ContactTicket[]; total: number }> {
  assertContactStaff(actor);
  const where = and(
    eq(tickets.contactId, input.contactId),
    readableTicketsWhere(actor),
    input.excludeTicketId ? ne(tickets.id, input.excludeTicketId) : undefined,
  );
  const [items, [{ total }]] = await Promise.all([
    db
      .select({
        id: tickets.id, number: tickets.number, title: tickets.title, queueName: queues.name, statusName: statuses.name, statusNameDe: statuses.nameDe,
        statusCategory: statuses.category, priority: tickets.priority, lastEntryAt: tickets.lastEntryAt,
      })
      .from(tickets)
      .innerJoin(queues, eq(queues.id, tickets.queueId))
      .innerJoin(statuses, eq(statuses.id, tickets.statusId))
      .where(where)
      .orderBy(desc(tickets.lastEntryAt), desc(tickets.id))
      .limit(input.limit),
    db.select({ total: count() }).from(tickets).where(where),
  ]);
  return { items, total };
}

/** Customer classes in use, for the form's suggestions. */
export async function customerClasses(db: DbOrTx, actor: Actor): Promise<string[]> {
  assertContactStaff(actor);
  const rows = await db
    .selectDistinct({ v: contacts.customerClass })
    .from(contacts)
    .where(isNotNull(contacts.customerClass))
    .orderBy(asc(contacts.customerClass))
    .limit(200);
  return rows.map((r) => r.v!);
}

/** The fields as stored: text trimmed (empty is null), the display name derived when empty. */
function normalise(f: ContactFields) {
  return {
    name: displayNameOf(f),
    salutation: f.salutation ?? null,
    firstName: clean(f.firstName),
    lastName: clean(f.lastName),
    company: clean(f.company),
    organisationId: f.organisationId ?? null,
    customerNumber: clean(f.customerNumber),
    customerClass: clean(f.customerClass),
    phone: clean(f.phone),
    mobile: clean(f.mobile),
    street: clean(f.street),
    postalCode: clean(f.postalCode),
    city: clean(f.city),
    country: clean(f.country),
    notes: clean(f.notes),
    flag: f.flag,
    flagNote: f.flag === "none" ? null : clean(f.flagNote),
    portalAccess: f.portalAccess,
  };
}

/** The addresses as stored, primary first; a field error for a bad list. */
function normaliseEmails(list: ContactInput["emails"]): { email: string; primary: boolean }[] {
  const emails = list.map((e) => ({ email: e.email.trim(), primary: e.primary }));
  if (emails.length === 0) throw fieldError("INVALID", "emails", "A contact needs at least one e-mail address");
  if (emails.length > MAX_CONTACT_EMAILS) throw fieldError("INVALID", "emails", `At most ${MAX_CONTACT_EMAILS} addresses`);
  const seen = new Map<string, number>();
  emails.forEach((e, i) => {
    const key = e.email.toLowerCase();
    if (seen.has(key)) throw fieldError("INVALID", `emails.${i}`, "This address is listed twice");
    seen.set(key, i);
  });
  const primaries = emails.filter((e) => e.primary).length;
  if (primaries > 1) throw fieldError("INVALID", "emails", "Only one address can be the primary one");
  if (primaries === 0) emails[0].primary = true;
  return emails;
}

/** Field errors for addresses that belong to another contact. */
async function assertAddressesFree(tx: DbOrTx, emails: { email: string }[], contactId: number | null): Promise<void> {
  const lower = emails.map((e) => e.email.toLowerCase());
  const taken = await tx
    .select({ email: contactEmails.email, name: contacts.name, owner: contacts.email })
    .from(contactEmails)
    .innerJoin(contacts, eq(contacts.id, contactEmails.contactId))
    .where(and(inArray(sql`lower(${contactEmails.email})`, lower), contactId === null ? undefined : ne(contactEmails.contactId, contactId)));
  if (taken.length === 0) return;
  const first = taken[0];
  const i = lower.indexOf(first.email.toLowerCase());
  throw fieldError("CONFLICT", `emails.${i}`, `This address belongs to another contact: ${contactLabel({ name: first.name, email: first.owner })}`);
}

async function assertOrganisationExists(tx: DbOrTx, organisationId: number | null): Promise<void> {
  if (organisationId === null) return;
  const [o] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId));
  if (!o) throw fieldError("INVALID", "organisationId", "Choose an existing organisation");
}

async function assertCustomerNumberFree(tx: DbOrTx, customerNumber: string | null, contactId: number | null): Promise<void> {
  if (!customerNumber) return;
  const [other] = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(sql`lower(${contacts.customerNumber})`, customerNumber.toLowerCase()), contactId === null ? undefined : ne(contacts.id, contactId)));
  if (other) throw fieldError("CONFLICT", "customerNumber", "Another contact has this customer number");
}

/** Stores the contact's addresses as given: removed ones go, new ones come, one primary. */
async function writeEmails(tx: DbOrTx, contactId: number, emails: { email: string; primary: boolean }[]): Promise<void> {
  const current = await emailsOf(tx, contactId);
  const wanted = new Map(emails.map((e) => [e.email.toLowerCase(), e]));
  const gone = current.filter((c) => !wanted.has(c.email.toLowerCase())).map((c) => c.id);
  if (gone.length) await tx.delete(contactEmails).where(inArray(contactEmails.id, gone));
  await tx.update(contactEmails).set({ isPrimary: false }).where(and(eq(contactEmails.contactId, contactId), eq(contactEmails.isPrimary, true)));
  for (const e of emails) {
    const had = current.find((c) => c.email.toLowerCase() === e.email.toLowerCase());
    if (had) {
      if (had.email !== e.email || e.primary) await tx.update(contactEmails).set({ email: e.email, isPrimary: e.primary }).where(eq(contactEmails.id, had.id));
    } else {
      await tx.insert(contactEmails).values({ contactId, email: e.email, isPrimary: e.primary });
    }
  }
}

/** Runs a write; a unique index that still refuses it (a race) becomes the field's error. */
async function mappingUniqueErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isUniqueViolation(err, "contacts_customer_number_idx")) throw fieldError("CONFLICT", "customerNumber", "Another contact has this customer number");
    if (isUniqueViolation(err, "contact_emails_email_lower_idx") || isUniqueViolation(err, "contacts_email_lower_idx")) {
      throw fieldError("CONFLICT", "emails", "One of these addresses belongs to another contact");
    }
    throw err;
  }
}

/** Staff add a contact by hand (e.g. after a phone call). */
export async function createContact(db: DbOrTx, actor: Actor, input: ContactInput): Promise<ContactView> {
  assertContactStaff(actor);
  const fields = normalise(input);
  const emails = normaliseEmails(input.emails);
  return mappingUniqueErrors(() =>
    db.transaction(async (tx) => {
      await lockAddresses(tx, emails.map((e) => e.email));
      await assertAddressesFree(tx, emails, null);
      await assertOrganisationExists(tx, fields.organisationId);
      await assertCustomerNumberFree(tx, fields.customerNumber, null);
      const primary = emails.find((e) => e.primary)!;
      const [created] = await tx.insert(contacts).values({ ...fields, email: primary.email }).returning({ id: contacts.id });
      await writeEmails(tx, created.id, emails);
      const view = await loadContact(tx, created.id);
      await recordAudit(tx, actor, { entity: "contact", entityId: created.id, label: contactLabel(view), before: null, after: contactSnapshot(view) });
      return view;
    }),
  );
}

/**
 * Saves the whole contact. `version` is the one the form was loaded with: when someone else
 * saved in between, the save is refused (CONFLICT) rather than overwriting their change.
 */
export async function updateContact(
  deps: Pick<Deps, "db" | "publish">,
  actor: Actor,
  input: ContactInput & { id: number; version: number },
): Promise<ContactView> {
  assertContactStaff(actor);
  const fields = normalise(input);
  const emails = normaliseEmails(input.emails);
  const saved = await mappingUniqueErrors(() =>
    deps.db.transaction(async (tx) => {
      await lockAddresses(tx, emails.map((e) => e.email));
      const [locked] = await tx.select({ version: contacts.version }).from(contacts).where(eq(contacts.id, input.id)).for("update");
      if (!locked) throw notFound("Contact");
      if (locked.version !== input.version) throw conflict("Someone else changed this contact meanwhile. Reload it to see their change.");
      const before = await loadContact(tx, input.id);
      await assertAddressesFree(tx, emails, input.id);
      await assertOrganisationExists(tx, fields.organisationId);
      await assertCustomerNumberFree(tx, fields.customerNumber, input.id);
      await writeEmails(tx, input.id, emails);
      const primary = emails.find((e) => e.primary)!;
      await tx.update(contacts).set({ ...fields, email: primary.email }).where(eq(contacts.id, input.id));
      // A save without a change keeps the version, so a colleague's open form stays valid.
      const saved = await loadContact(tx, input.id);
      if (JSON.stringify(contactSnapshot(saved)) !== JSON.stringify(contactSnapshot(before))) {
        await tx.update(contacts).set({ version: sql`${contacts.version} + 1`, updatedAt: new Date() }).where(eq(contacts.id, input.id));
      }
      const view = await loadContact(tx, input.id);
      await recordAudit(tx, actor, { entity: "contact", entityId: input.id, label: contactLabel(view), before: contactSnapshot(before), after: contactSnapshot(view) });
      const events = await recordAddressChange(tx, actor.kind === "user" ? actor.userId : null, input.id, {
        from: addressList(before.emails), to: addressList(view.emails),
      });
      return { view, events };
    }),
  );
  deps.publish(saved.events);
  return saved.view;
}
