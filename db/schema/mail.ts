import {
  bigint, boolean, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, uniqueIndex,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { queues } from "./queues";
import { tickets, ticketEntries } from "./tickets";
import { bytea } from "./bytea";

export const mailAccountState = pgEnum("mail_account_state", ["idle", "fetching", "error", "stopped"]);
export const mailEncryption = pgEnum("mail_encryption", ["ssl", "starttls", "none"]);
export type MailEncryption = (typeof mailEncryption.enumValues)[number];
export const afterImportAction = pgEnum("after_import_action", ["mark_seen", "move", "delete"]);

/** A mailbox we read over IMAP and send from over SMTP. */
export const mailAccounts = pgTable("mail_accounts", {
  id: serial("id").primaryKey(),
  address: text("address").notNull().unique(),
  senderName: text("sender_name"),
  active: boolean("active").notNull().default(true),
  imapHost: text("imap_host").notNull(),
  imapPort: integer("imap_port").notNull().default(993),
  imapEncryption: mailEncryption("imap_encryption").notNull().default("ssl"),
  imapUser: text("imap_user").notNull(),
  /** AES-256-GCM ciphertext (lib/secret-box); never sent to the browser. */
  imapPassword: text("imap_password").notNull(),
  smtpHost: text("smtp_host").notNull(),
  smtpPort: integer("smtp_port").notNull().default(587),
  smtpEncryption: mailEncryption("smtp_encryption").notNull().default("starttls"),
  smtpUser: text("smtp_user"),
  /** AES-256-GCM ciphertext (lib/secret-box); never sent to the browser. */
  smtpPassword: text("smtp_password"),
  replyTo: text("reply_to"),
  /** What new tickets from this mailbox get. */
  queueId: integer("queue_id").references(() => queues.id),
  statusId: integer("status_id"),
  priority: integer("priority"),
  afterImport: afterImportAction("after_import").notNull().default("mark_seen"),
  afterImportFolder: text("after_import_folder"),
  maxMessageBytes: integer("max_message_bytes").notNull().default(25 * 1024 * 1024),
  lastFetchAt: timestamp("last_fetch_at", { withTimezone: true }),
  /** Where the last fetch got to; a UIDVALIDITY change means a full resync. */
  uidValidity: bigint("uid_validity", { mode: "number" }),
  lastUid: bigint("last_uid", { mode: "number" }).notNull().default(0),
  state: mailAccountState("state").notNull().default("stopped"),
  lastError: text("last_error"),
  lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
});

export const inboundSource = pgEnum("inbound_source", ["imap", "smtp", "file"]);
export const inboundStatus = pgEnum("inbound_status", [
  "received", "created", "appended", "duplicate", "ignored", "quarantined",
]);

/**
 * Every inbound mail's raw source, stored before it is parsed. The unique key
 * (account, UIDVALIDITY, UID) makes re-reading a mailbox idempotent.
 */
export const inboundMails = pgTable(
  "inbound_mails",
  {
    id: serial("id").primaryKey(),
    source: inboundSource("source").notNull(),
    accountId: integer("account_id").references(() => mailAccounts.id),
    uidValidity: bigint("uid_validity", { mode: "number" }),
    uid: bigint("uid", { mode: "number" }),
    /** Name of the file for `npm run ingest`; envelope sender for SMTP. */
    origin: text("origin"),
    raw: bytea("raw").notNull(),
    sha256: text("sha256").notNull(),
    messageId: text("message_id"),
    status: inboundStatus("status").notNull().default("received"),
    ticketId: integer("ticket_id").references(() => tickets.id),
    entryId: integer("entry_id").references(() => ticketEntries.id),
    reason: text("reason"),
    /** Times processing began; counted before it starts, so a run that died on the mail counts too. */
    attempts: integer("attempts").notNull().default(0),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("inbound_mails_account_uid_idx")
      .on(t.accountId, t.uidValidity, t.uid)
      .where(sql`${t.uid} is not null`),
    index("inbound_mails_message_id_idx").on(t.messageId),
  ],
);

/** Mails that could not be turned into a ticket, with the reason. Never dropped. */
export const quarantinedMails = pgTable("quarantined_mails", {
  id: serial("id").primaryKey(),
  inboundMailId: integer("inbound_mail_id").notNull().unique().references(() => inboundMails.id),
  reason: text("reason").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  resolvedAt: timestamp("resolved_at", { withTimezone: true }),
});

export const outboxStatus = pgEnum("outbox_status", ["queued", "sending", "sent", "failed"]);
/**
 * Why a mail is sent: loop guards count automatic ones (autoresponse, notification).
 * account: an invitation or password-reset link for a user (no ticket).
 */
export const outboxKind = pgEnum("outbox_kind", ["reply", "new_ticket", "autoresponse", "notification", "account"]);

/** Outgoing mail, written in the same transaction as the entry; sent later by the worker. */
export const outbox = pgTable(
  "outbox",
  {
    id: serial("id").primaryKey(),
    ticketId: integer("ticket_id").references(() => tickets.id),
    entryId: integer("entry_id").references(() => ticketEntries.id),
    accountId: integer("account_id").references(() => mailAccounts.id),
    fromEmail: text("from_email").notNull(),
    fromName: text("from_name"),
    toEmails: text("to_emails").array().notNull(),
    ccEmails: text("cc_emails").array().notNull().default(sql`'{}'::text[]`),
    bccEmails: text("bcc_emails").array().notNull().default(sql`'{}'::text[]`),
    replyTo: text("reply_to"),
    kind: outboxKind("kind").notNull().default("reply"),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    bodyHtml: text("body_html"),
    messageId: text("message_id").notNull().unique(),
    inReplyTo: text("in_reply_to"),
    references: text("references").array().notNull().default(sql`'{}'::text[]`),
    status: outboxStatus("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    /** When a worker claimed the row for sending (status `sending`); the claim has a lease. */
    sendingSince: timestamp("sending_since", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("outbox_status_idx").on(t.status), index("outbox_kind_to_idx").on(t.kind, t.createdAt)],
);

/**
 * Rule-based mail filter (G8): conditions on from/to/subject/body/any header, evaluated in
 * position order before threading; the first matching rule's actions apply.
 */
export const mailRules = pgTable("mail_rules", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  position: integer("position").notNull().default(0),
  active: boolean("active").notNull().default(true),
  match: text("match", { enum: ["all", "any"] }).notNull().default("all"),
  conditions: jsonb("conditions").$type<MailRuleCondition[]>().notNull(),
  actions: jsonb("actions").$type<MailRuleActions>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export interface MailRuleCondition {
  /** "from" | "to" | "subject" | "body" | "header:<Name>" */
  field: string;
  op: "contains" | "equals" | "regex";
  value: string;
}

export interface MailRuleActions {
  /** create: always a new ticket; append: thread as usual; ignore: store and drop. */
  mode: "create" | "append" | "ignore";
  queueId?: number;
  statusId?: number;
  priority?: number;
  tags?: string[];
}

/** Admin settings that are not per account or queue (key → JSON value). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Demo mode only: what the local SMTP catcher received, readable by admins in the app. */
export const caughtMails = pgTable("caught_mails", {
  id: serial("id").primaryKey(),
  envelopeFrom: text("envelope_from"),
  envelopeTo: text("envelope_to").array().notNull(),
  subject: text("subject"),
  headers: jsonb("headers").$type<[string, string][]>().notNull(),
  text: text("text"),
  raw: bytea("raw").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

export type MailAccount = typeof mailAccounts.$inferSelect;
export type InboundMail = typeof inboundMails.$inferSelect;
export type OutboxMail = typeof outbox.$inferSelect;
