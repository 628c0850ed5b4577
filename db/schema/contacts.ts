import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/** How a contact is addressed in letters and mail ("Dear Ms …"). */
export const contactSalutations = ["mr", "ms", "mx"] as const;
export type ContactSalutation = (typeof contactSalutations)[number];

/**
 * A warning about a contact, shown as an icon wherever the contact appears (K1): "flagged"
 * (look twice, e.g. a VIP or a difficult case) or "blocked" (e.g. no delivery without
 * prepayment). Mail from a blocked contact still becomes a ticket: nothing is lost.
 */
export const contactFlags = ["none", "flagged", "blocked"] as const;
export type ContactFlag = (typeof contactFlags)[number];

/** The digits of a phone column, so "+49 30 1234" is found by "49301234" too. */
const digitsOf = (column: string) => `regexp_replace(coalesce("${column}", ''), '[^0-9]', '', 'g')`;
/** Columns joined into one text per row, for one trigram index (search in SQL, K1). */
const searchTextOf = (columns: string[], phones: string[] = []) =>
  sql.raw([...columns.map((c) => `coalesce("${c}", '')`), ...phones.map(digitsOf)].join(` || ' ' || `));

/** Companies and other organisations; a contact belongs to at most one (K1). */
export const organisations = pgTable(
  "organisations",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    customerNumber: text("customer_number"),
    street: text("street"),
    postalCode: text("postal_code"),
    city: text("city"),
    country: text("country"),
    notes: text("notes"),
    /** Bumped on every change: a save over someone else's newer change is refused. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs(searchTextOf(["name", "customer_number", "street", "postal_code", "city", "country"])),
  },
  (t) => [
    uniqueIndex("organisations_customer_number_idx").on(sql`lower(${t.customerNumber})`).where(sql`${t.customerNumber} is not null`),
    index("organisations_name_idx").on(sql`lower(${t.name})`, t.id),
    index("organisations_search_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
  ],
);

/**
 * Customers. Unknown senders become contacts. A contact has one or more addresses
 * (`contact_emails`, unique regardless of case across all contacts); `email` is a copy of the
 * primary one, kept in step by the domain, because replies go to it.
 * `name` is the display name: as edited, or from the sender's mail, else first and last name.
 */
export const contacts = pgTable(
  "contacts",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name"),
    customerNumber: text("customer_number"),
    salutation: text("salutation").$type<ContactSalutation>(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    /** The company as the customer writes it; `organisationId` links a managed organisation. */
    company: text("company"),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    phone: text("phone"),
    mobile: text("mobile"),
    street: text("street"),
    postalCode: text("postal_code"),
    city: text("city"),
    country: text("country"),
    customerClass: text("customer_class"),
    flag: text("flag").$type<ContactFlag>().notNull().default("none"),
    flagNote: text("flag_note"),
    /** May log in to the customer portal (A8; the portal itself comes later). */
    portalAccess: boolean("portal_access").notNull().default(false),
    notes: text("notes"),
    /** Bumped on every change: a save over someone else's newer change is refused. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs(
        searchTextOf(
          ["name", "first_name", "last_name", "company", "customer_number", "email", "phone", "mobile", "street", "postal_code", "city", "country", "customer_class"],
          ["phone", "mobile"],
        ),
      ),
  },
  (t) => [
    uniqueIndex("contacts_email_lower_idx").on(sql`lower(${t.email})`),
    uniqueIndex("contacts_customer_number_idx").on(sql`lower(${t.customerNumber})`).where(sql`${t.customerNumber} is not null`),
    index("contacts_sort_idx").on(sql`lower(coalesce(${t.name}, ${t.email}))`, t.id),
    index("contacts_organisation_idx").on(t.organisationId),
    index("contacts_search_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
  ],
);

/** Every address of a contact; mail from any of them is the contact's. One is the primary. */
export const contactEmails = pgTable(
  "contact_emails",
  {
    id: serial("id").primaryKey(),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    isPrimary: boolean("is_primary").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contact_emails_email_lower_idx").on(sql`lower(${t.email})`),
    uniqueIndex("contact_emails_one_primary_idx").on(t.contactId).where(sql`${t.isPrimary}`),
    index("contact_emails_contact_idx").on(t.contactId),
    index("contact_emails_trgm_idx").using("gin", t.email.op("gin_trgm_ops")),
  ],
);

export type Contact = typeof contacts.$inferSelect;
export type ContactEmail = typeof contactEmails.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
