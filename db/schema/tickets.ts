import {
  bigint, boolean, index, integer, jsonb, pgEnum, pgSequence, pgTable, primaryKey, serial, text, timestamp, uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./users";
import { fieldOptions, queues, statuses } from "./queues";
import { contacts } from "./contacts";
import { bytea } from "./bytea";

/** Ticket numbers come from a sequence and are never editable. */
export const ticketNumberSeq = pgSequence("ticket_number_seq", { startWith: 10001 });

/**
 * C2: a mail ticket talks to the customer by mail; a phone ticket records a call and later
 * replies go out by mail; an internal ticket never talks to a customer.
 */
export const ticketKind = pgEnum("ticket_kind", ["mail", "phone", "internal"]);
export type TicketKind = (typeof ticketKind.enumValues)[number];

/** Who wrote the ticket's last message: the customer or an agent (internal comments do not count). */
export const speaker = pgEnum("speaker", ["customer", "agent"]);
export type Speaker = (typeof speaker.enumValues)[number];

export const tickets = pgTable(
  "tickets",
  {
    id: serial("id").primaryKey(),
    number: bigint("number", { mode: "number" })
      .notNull()
      .unique()
      .default(sql`nextval('ticket_number_seq')`),
    title: text("title").notNull(),
    queueId: integer("queue_id").notNull().references(() => queues.id),
    statusId: integer("status_id").notNull().references(() => statuses.id),
    priority: integer("priority").notNull().default(2),
    contactId: integer("contact_id").references(() => contacts.id),
    ownerId: integer("owner_id").references(() => users.id),
    createdById: integer("created_by_id").references(() => users.id),
    kind: ticketKind("kind").notNull().default("mail"),
    /** C5: invisible to customers; no messages to the customer. */
    confidential: boolean("confidential").notNull().default(false),
    billable: boolean("billable").notNull().default(false),
    /** End date (deadline) and the follow-up date and hour (C1). */
    dueAt: timestamp("due_at", { withTimezone: true }),
    followUpAt: timestamp("follow_up_at", { withTimezone: true }),
    /** Order, invoice or document number of the customer's side (C1). */
    externalRef: text("external_ref"),
    /** Further customer addresses a reply goes to as CC (C1). */
    customerCc: text("customer_cc").array().notNull().default(sql`'{}'::text[]`),
    /** C6: children of children are allowed; cycles are refused by the domain. */
    parentId: integer("parent_id").references((): AnyPgColumn => tickets.id, { onDelete: "set null" }),
    /** Set when this ticket was merged: later mail to it lands in the target. */
    mergedIntoId: integer("merged_into_id"),
    /** Picked from the customer's mail text (G4). */
    customerNumber: text("customer_number"),
    orderNumber: text("order_number"),
    invoiceNumber: text("invoice_number"),
    /** Configurable fields (B8, B9); deleting an option that tickets use is refused. */
    brandId: integer("brand_id").references(() => fieldOptions.id, { onDelete: "restrict" }),
    categoryId: integer("category_id").references(() => fieldOptions.id, { onDelete: "restrict" }),
    severityId: integer("severity_id").references(() => fieldOptions.id, { onDelete: "restrict" }),
    sourceId: integer("source_id").references(() => fieldOptions.id, { onDelete: "restrict" }),
    serviceContractId: integer("service_contract_id").references(() => fieldOptions.id, { onDelete: "restrict" }),
    /** Free tags, as written (case kept); compared case-insensitively. */
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Bumped on every change; live events carry it so clients can skip stale refetches. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    lastEntryAt: timestamp("last_entry_at", { withTimezone: true }).notNull().defaultNow(),
    /** Kept with each message in its transaction, so lists show it without counting entries. */
    lastSpeaker: speaker("last_speaker"),
    lastSpokeAt: timestamp("last_spoke_at", { withTimezone: true }),
    /** When the status last changed: a customer's answer reopens within the queue's days of it. */
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("tickets_queue_updated_idx").on(t.queueId, t.updatedAt),
    index("tickets_tags_idx").using("gin", t.tags),
    index("tickets_contact_idx").on(t.contactId),
    index("tickets_parent_idx").on(t.parentId).where(sql`${t.parentId} is not null`),
  ],
);

/** C1: further owners of a ticket besides `tickets.owner_id`, each with a ticket role (B4). */
export const ticketOwners = pgTable(
  "ticket_owners",
  {
    ticketId: integer("ticket_id").notNull().references(() => tickets.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    roleId: integer("role_id").references(() => fieldOptions.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.userId] }), index("ticket_owners_user_idx").on(t.userId)],
);

export const entryKind = pgEnum("entry_kind", [
  "customer_mail",
  "agent_message",
  "internal_comment",
  "system_event",
]);
export type EntryKind = (typeof entryKind.enumValues)[number];

/** The timeline of a ticket. Internal comments never leave the house. */
export const ticketEntries = pgTable(
  "ticket_entries",
  {
    id: serial("id").primaryKey(),
    ticketId: integer("ticket_id").notNull().references(() => tickets.id, { onDelete: "cascade" }),
    kind: entryKind("kind").notNull(),
    authorUserId: integer("author_user_id").references(() => users.id),
    authorContactId: integer("author_contact_id").references(() => contacts.id),
    subject: text("subject"),
    bodyText: text("body_text").notNull().default(""),
    /** Sanitised HTML (allowlist) or null for plain-text entries. */
    bodyHtml: text("body_html"),
    fromEmail: text("from_email"),
    toEmails: text("to_emails").array().notNull().default(sql`'{}'::text[]`),
    ccEmails: text("cc_emails").array().notNull().default(sql`'{}'::text[]`),
    /** A customer mail's Reply-To: where the answer to it goes (else to its From). */
    replyTo: text("reply_to").array().notNull().default(sql`'{}'::text[]`),
    /** Message-ID of the mail this entry came from or was sent as (without angle brackets). */
    messageId: text("message_id"),
    inReplyTo: text("in_reply_to"),
    references: text("references").array().notNull().default(sql`'{}'::text[]`),
    /** For system events: what happened, e.g. {"field":"status","from":"New","to":"Open"}. */
    meta: jsonb("meta"),
    /** D1: the entry that solves the ticket. */
    isSolution: boolean("is_solution").notNull().default(false),
    /** D4: a topic (B5) per entry. */
    topicId: integer("topic_id").references(() => fieldOptions.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ticket_entries_ticket_idx").on(t.ticketId, t.createdAt),
    index("ticket_entries_message_id_idx").on(t.messageId),
    index("ticket_entries_author_contact_idx").on(t.authorContactId).where(sql`${t.authorContactId} is not null`),
  ],
);

/** D7: who may see an attachment; internal ones never reach a customer. */
export const attachmentVisibility = pgEnum("attachment_visibility", ["customer", "internal"]);

export const attachments = pgTable(
  "attachments",
  {
    id: serial("id").primaryKey(),
    entryId: integer("entry_id").notNull().references(() => ticketEntries.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    contentId: text("content_id"),
    content: bytea("content").notNull(),
    visibility: attachmentVisibility("visibility").notNull().default("customer"),
    /** Null for files that came with a customer's mail. */
    uploadedById: integer("uploaded_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("attachments_entry_idx").on(t.entryId)],
);

/**
 * Files a user uploaded for a message not yet saved. Saving the message moves them into
 * `attachments`; the worker deletes what is left after a day.
 */
export const uploads = pgTable("uploads", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  filename: text("filename").notNull(),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256").notNull(),
  content: bytea("content").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Who changed which field from what to what, and when. */
export const ticketHistory = pgTable(
  "ticket_history",
  {
    id: serial("id").primaryKey(),
    ticketId: integer("ticket_id").notNull().references(() => tickets.id, { onDelete: "cascade" }),
    actorUserId: integer("actor_user_id").references(() => users.id),
    field: text("field").notNull(),
    oldValue: text("old_value"),
    newValue: text("new_value"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ticket_history_ticket_idx").on(t.ticketId)],
);

export type Ticket = typeof tickets.$inferSelect;
export type TicketEntry = typeof ticketEntries.$inferSelect;
