import type { ImapFlowOptions } from "imapflow";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { MailAccount } from "../../../db/schema";
import { openSecret } from "../../../lib/secret-box";

/** IMAP client options for an account: SSL/TLS, STARTTLS (required) or none. */
export function imapOptions(a: MailAccount, appSecret: string): ImapFlowOptions {
  return {
    host: a.imapHost,
    port: a.imapPort,
    secure: a.imapEncryption === "ssl",
    doSTARTTLS: a.imapEncryption === "starttls" ? true : a.imapEncryption === "none" ? false : undefined,
    auth: { user: a.imapUser, pass: openSecret(a.imapPassword, appSecret) },
    logger: false,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
  };
}

/** SMTP transport options for an account: SSL/TLS, STARTTLS (required) or none. */
export function smtpOptions(a: MailAccount, appSecret: string): SMTPTransport.Options {
  return {
    host: a.smtpHost,
    port: a.smtpPort,
    secure: a.smtpEncryption === "ssl",
    requireTLS: a.smtpEncryption === "starttls",
    ignoreTLS: a.smtpEncryption === "none",
    auth: a.smtpUser ? { user: a.smtpUser, pass: a.smtpPassword ? openSecret(a.smtpPassword, appSecret) : "" } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    // Bounds a stalled send well inside the outbox claim's lease (worker/outbox/deliver.ts).
    socketTimeout: 60_000,
  };
}
