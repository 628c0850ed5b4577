import { asc, count, eq } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";
import type { DbOrTx } from "../../../db/client";
import {
  inboundMails, mailAccounts, outbox, queues, statuses,
  type MailAccount, type MailEncryption,
} from "../../../db/schema";
import { sealSecret } from "../../../lib/secret-box";
import type { Actor } from "../actor";
import { AppError, notFound } from "../errors";
import { imapOptions, smtpOptions } from "./connection-options";
import { guardMailHost, HostRefusedError } from "./host-guard";
import { recordAudit } from "../audit";
import { assertAdmin } from "../permissions";

/**
 * Mail accounts (G1), administered by admins. Passwords are sealed with APP_SECRET before
 * they are stored and never leave the server: views carry `hasImapPassword` /
 * `hasSmtpPassword` instead. Input is validated by the zod schemas beside the router
 * (server/api/routers/mailAccount.ts); the rules that need the database live here.
 */

export type AfterImportAction = MailAccount["afterImport"];

export interface MailAccountInput {
  address: string;
  senderName: string | null;
  replyTo: string | null;
  active: boolean;
  imapHost: string;
  imapPort: number;
  imapEncryption: MailEncryption;
  imapUser: string;
  /** Plain text. Required on create; blank or absent on update keeps the stored one. */
  imapPassword?: string | null;
  smtpHost: string;
  smtpPort: number;
  smtpEncryption: MailEncryption;
  /** No SMTP user: send without authentication (and forget a stored SMTP password). */
  smtpUser: string | null;
  /** Plain text. Blank or absent on update keeps the stored one. */
  smtpPassword?: string | null;
  /** Queue, status and priority for tickets opened by this mailbox; null = the defaults. */
  queueId: number | null;
  statusId: number | null;
  priority: number | null;
  afterImport: AfterImportAction;
  afterImportFolder: string | null;
  maxMessageBytes: number;
}

/** What the admin UI gets: everything but the secrets and the internal sync marks. */
export interface MailAccountView {
  id: number;
  address: string;
  senderName: string | null;
  replyTo: string | null;
  active: boolean;
  imapHost: string;
  imapPort: number;
  imapEncryption: MailEncryption;
  imapUser: string;
  hasImapPassword: boolean;
  smtpHost: string;
  smtpPort: number;
  smtpEncryption: MailEncryption;
  smtpUser: string | null;
  hasSmtpPassword: boolean;
  queueId: number | null;
  statusId: number | null;
  priority: number | null;
  afterImport: AfterImportAction;
  afterImportFolder: string | null;
  maxMessageBytes: number;
  state: MailAccount["state"];
  lastFetchAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** What create/update/test need besides the database: the key passwords are sealed with. */
export interface MailAccountStore {
  db: DbOrTx;
  appSecret: string;
}

/** An INVALID or CONFLICT error that the API shows beside one form field. */
function fieldError(code: "INVALID" | "CONFLICT", field: keyof MailAccountInput | "id", message: string): AppError {
  return new AppError(code, message, { fieldErrors: { [field]: [message] } });
}

export function toView(a: MailAccount): MailAccountView {
  return {
    id: a.id, address: a.address, senderName: a.senderName, replyTo: a.replyTo, active: a.active,
    imapHost: a.imapHost, imapPort: a.imapPort, imapEncryption: a.imapEncryption, imapUser: a.imapUser,
    hasImapPassword: !!a.imapPassword,
    smtpHost: a.smtpHost, smtpPort: a.smtpPort, smtpEncryption: a.smtpEncryption, smtpUser: a.smtpUser,
    hasSmtpPassword: !!a.smtpPassword,
    queueId: a.queueId, statusId: a.statusId, priority: a.priority,
    afterImport: a.afterImport, afterImportFolder: a.afterImportFolder, maxMessageBytes: a.maxMessageBytes,
    state: a.state, lastFetchAt: a.lastFetchAt, lastError: a.lastError, lastErrorAt: a.lastErrorAt,
  };
}

async function loadAccount(db: DbOrTx, id: number): Promise<MailAccount> {
  const [row] = await db.select().from(mailAccounts).where(eq(mailAccounts.id, id));
  if (!row) throw notFound("Mail account");
  return row;
}

/** What the audit log records of an account: its settings, and whether each password changed (never its value). */
function auditSnapshot(a: MailAccount) {
  const { state: _s, lastFetchAt: _f, lastError: _e, lastErrorAt: _ea, uidValidity: _u, lastUid: _l, createdAt: _c, ...settings } =
    a as MailAccount & Record<string, unknown>;
  return settings as Record<string, unknown>;
}

const auditAccount = (tx: DbOrTx, actor: Actor, id: number, before: MailAccount | null, after: MailAccount | null) =>
  recordAudit(tx, actor, {
    entity: "mailAccount", entityId: id, label: (after ?? before)?.address,
    before: before && auditSnapshot(before), after: after && auditSnapshot(after),
  });

export async function listMailAccounts(db: DbOrTx, actor: Actor): Promise<MailAccountView[]> {
  assertAdmin(actor);
  const rows = await db.select().from(mailAccounts).orderBy(asc(mailAccounts.address), asc(mailAccounts.id));
  return rows.map(toView);
}

export async function getMailAccount(db: DbOrTx, actor: Actor, input: { id: number }): Promise<MailAccountView> {
  assertAdmin(actor);
  return toView(await loadAccount(db, input.id));
}

/** Queue and status must exist, the status must belong to the queue, the address must be free. */
async function checkReferences(db: DbOrTx, input: MailAccountInput, exceptId: number | null): Promise<void> {
  if (input.queueId !== null) {
    const [q] = await db.select({ id: queues.id }).from(queues).where(eq(queues.id, input.queueId));
    if (!q) throw fieldError("INVALID", "queueId", "Choose an existing queue");
  }
  if (input.statusId !== null) {
    if (input.queueId === null) throw fieldError("INVALID", "statusId", "Choose a queue before choosing a status");
    const [s] = await db.select({ queueId: statuses.queueId }).from(statuses).where(eq(statuses.id, input.statusId));
    if (!s || s.queueId !== input.queueId) throw fieldError("INVALID", "statusId", "This status does not belong to the chosen queue");
  }
  const [taken] = await db.select({ id: mailAccounts.id }).from(mailAccounts).where(eq(mailAccounts.address, input.address));
  if (taken && taken.id !== exceptId) throw fieldError("CONFLICT", "address", "Another mail account already uses this address");
}

const isBlank = (v: string | null | undefined): v is null | undefined | "" => v == null || v === "";

/** Postgres unique violation on the address (two admins saving at once). */
function rethrowUnique(err: unknown): never {
  const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  if (code === "23505") throw fieldError("CONFLICT", "address", "Another mail account already uses this address");
  throw err;
}

function columns(input: MailAccountInput) {
  return {
    address: input.address, senderName: input.senderName, replyTo: input.replyTo, active: input.active,
    imapHost: input.imapHost, imapPort: input.imapPort, imapEncryption: input.imapEncryption, imapUser: input.imapUser,
    smtpHost: input.smtpHost, smtpPort: input.smtpPort, smtpEncryption: input.smtpEncryption, smtpUser: input.smtpUser,
    queueId: input.queueId, statusId: input.statusId, priority: input.priority,
    afterImport: input.afterImport,
    afterImportFolder: input.afterImport === "move" ? input.afterImportFolder : null,
    maxMessageBytes: input.maxMessageBytes,
  };
}

export async function createMailAccount(store: MailAccountStore, actor: Actor, input: MailAccountInput): Promise<MailAccountView> {
  assertAdmin(actor);
  if (isBlank(input.imapPassword)) throw fieldError("INVALID", "imapPassword", "Enter the IMAP password");
  if (input.smtpUser && isBlank(input.smtpPassword)) throw fieldError("INVALID", "smtpPassword", "Enter the SMTP password");
  await checkReferences(store.db, input, null);
  const imapPassword = input.imapPassword;
  const row = await store.db
    .transaction(async (tx) => {
      const [created] = await tx
        .insert(mailAccounts)
        .values({
          ...columns(input),
          imapPassword: sealSecret(imapPassword, store.appSecret),
          smtpPassword: input.smtpUser && input.smtpPassword ? sealSecret(input.smtpPassword, store.appSecret) : null,
          state: "stopped",
        })
        .returning();
      await auditAccount(tx, actor, created.id, null, created);
      return created;
    })
    .catch(rethrowUnique);
  return toView(row);
}

export async function updateMailAccount(
  store: MailAccountStore,
  actor: Actor,
  input: MailAccountInput & { id: number },
): Promise<MailAccountView> {
  assertAdmin(actor);
  const current = await loadAccount(store.db, input.id);
  if (input.smtpUser && isBlank(input.smtpPassword) && !current.smtpPassword) {
    throw fieldError("INVALID", "smtpPassword", "Enter the SMTP password");
  }
  await checkReferences(store.db, input, input.id);
  // Another server or user is another mailbox: its UIDs say nothing about the old one's.
  const otherMailbox =
    current.imapHost !== input.imapHost || current.imapPort !== input.imapPort || current.imapUser !== input.imapUser;
  const row = await store.db
    .transaction(async (tx) => {
      const [updated] = await tx
        .update(mailAccounts)
        .set({
          ...columns(input),
          ...(isBlank(input.imapPassword) ? {} : { imapPassword: sealSecret(input.imapPassword, store.appSecret) }),
          ...(!input.smtpUser
            ? { smtpPassword: null }
            : isBlank(input.smtpPassword)
              ? {}
              : { smtpPassword: sealSecret(input.smtpPassword, store.appSecret) }),
          ...(otherMailbox ? { uidValidity: null, lastUid: 0 } : {}),
        })
        .where(eq(mailAccounts.id, input.id))
        .returning();
      await auditAccount(tx, actor, input.id, current, updated);
      return updated;
    })
    .catch(rethrowUnique);
  return toView(row);
}

/** The worker picks the change up within seconds (worker/imap/account-supervisor.ts). */
export async function setMailAccountActive(
  db: DbOrTx,
  actor: Actor,
  input: { id: number; active: boolean },
): Promise<MailAccountView> {
  assertAdmin(actor);
  const before = await loadAccount(db, input.id);
  const [row] = await db.update(mailAccounts).set({ active: input.active }).where(eq(mailAccounts.id, input.id)).returning();
  if (!row) throw notFound("Mail account");
  await auditAccount(db, actor, input.id, before, row);
  return toView(row);
}

/**
 * Deletes an account that nothing refers to. Sent or received mail keeps its account, so
 * an account that was ever used is refused with the counts; deactivating it is the way.
 */
export async function deleteMailAccount(db: DbOrTx, actor: Actor, input: { id: number }): Promise<{ id: number }> {
  assertAdmin(actor);
  const before = await loadAccount(db, input.id);
  const [[sent], [received]] = await Promise.all([
    db.select({ n: count() }).from(outbox).where(eq(outbox.accountId, input.id)),
    db.select({ n: count() }).from(inboundMails).where(eq(inboundMails.accountId, input.id)),
  ]);
  if (sent.n > 0 || received.n > 0) {
    const parts = [
      sent.n > 0 ? `${sent.n} outgoing ${sent.n === 1 ? "mail" : "mails"}` : null,
      received.n > 0 ? `${received.n} received ${received.n === 1 ? "mail" : "mails"}` : null,
    ].filter(Boolean);
    throw new AppError(
      "CONFLICT",
      `This account cannot be deleted: ${parts.join(" and ")} refer to it. Deactivate it instead.`,
      { outgoing: sent.n, received: received.n },
    );
  }
  await db.transaction(async (tx) => {
    await tx.update(queues).set({ senderAccountId: null }).where(eq(queues.senderAccountId, input.id));
    await tx.delete(mailAccounts).where(eq(mailAccounts.id, input.id));
    await auditAccount(tx, actor, input.id, before, null);
  });
  return { id: input.id };
}

// ---------------------------------------------------------------------------------------
// Test fetch / test send

export type ConnectionFailureKind = "auth" | "tls" | "dns" | "timeout" | "refused" | "other";
export type ConnectionFailure = { ok: false; kind: ConnectionFailureKind; message: string };
export type FetchTestResult = { ok: true; unseen: number; messages: number } | ConnectionFailure;
export type SendTestResult = { ok: true } | ConnectionFailure;

export interface ServerSettings {
  host: string;
  port: number;
  encryption: MailEncryption;
  user: string | null;
  /** Blank: the stored account's password. */
  password?: string | null;
}

/** Either a stored account, or unsaved form settings (optionally on top of a stored account's password). */
export interface ConnectionTestInput {
  accountId?: number | null;
  server?: ServerSettings | null;
}

export const CONNECTION_TEST_TIMEOUT_MS = 15_000;

class TestTimeout extends Error {
  constructor(readonly ms: number) {
    super(`Timed out after ${Math.round(ms / 1000)} s`);
  }
}

const TLS_CODES = new Set([
  "ETLS", "EPROTO", "ERR_TLS_CERT_ALTNAME_INVALID", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID",
  "ClosedAfterConnectTLS", "UPGRADE_TIMEOUT_TLS",
]);
const TIMEOUT_CODES = new Set(["ETIMEDOUT", "ETIMEOUT", "CONNECT_TIMEOUT", "GREETING_TIMEOUT", "UPGRADE_TIMEOUT"]);
const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NODATA", "EAI_NONAME", "EAI_FAIL", "EDNS"]);

/** A library or OpenSSL message made short: the OpenSSL reason only, one line, at most 300 characters. */
function tidy(text: string): string {
  const openssl = /SSL routines:[^:]*:([^:]+)/.exec(text);
  const t = (openssl ? openssl[1] : text).replace(/\s+/g, " ").trim();
  if (/wrong version number|packet length too long|unknown protocol/i.test(t)) {
    return `${t} (the server does not speak SSL/TLS on this port: check the port or choose STARTTLS)`;
  }
  return t.length > 300 ? `${t.slice(0, 297)}…` : t;
}

/** Turns an IMAP/SMTP/DNS/TLS error into a kind and a sentence an admin understands. */
export function classifyConnectionError(err: unknown, timeoutMs = CONNECTION_TEST_TIMEOUT_MS): ConnectionFailure {
  const e = (err ?? {}) as {
    message?: string; code?: string; errno?: string | number; authenticationFailed?: boolean; tlsFailed?: boolean;
    responseCode?: number; response?: string; serverResponseCode?: string; cause?: unknown; reason?: string;
  };
  const text = `${e.message ?? String(err)}`;
  const codes = [e.code, typeof e.errno === "string" ? e.errno : undefined, (e.cause as { code?: string } | undefined)?.code]
    .filter((c): c is string => typeof c === "string");
  const has = (set: Set<string>) => codes.some((c) => set.has(c));
  if (err instanceof HostRefusedError) return { ok: false, kind: "other", message: err.message };
  if (err instanceof TestTimeout) return { ok: false, kind: "timeout", message: err.message };
  if (e.authenticationFailed || e.code === "EAUTH" || e.responseCode === 535 || e.serverResponseCode === "AUTHENTICATIONFAILED") {
    return { ok: false, kind: "auth", message: "Authentication failed" };
  }
  if (has(DNS_CODES) || /ENOTFOUND|EAI_AGAIN/.test(text)) return { ok: false, kind: "dns", message: "Host not found" };
  if (codes.includes("ECONNREFUSED") || /ECONNREFUSED/.test(text)) return { ok: false, kind: "refused", message: "Connection refused" };
  if (has(TIMEOUT_CODES) || /timed? ?out/i.test(text)) {
    return { ok: false, kind: "timeout", message: `Timed out after ${Math.round(timeoutMs / 1000)} s` };
  }
  if (
    e.tlsFailed || has(TLS_CODES) || codes.some((c) => /^(ERR_SSL_|ERR_TLS_|CERT_)/.test(c)) ||
    /\b(ssl|tls|starttls|certificate|wrong version number)\b/i.test(text)
  ) {
    return { ok: false, kind: "tls", message: `TLS error: ${tidy(text)}` };
  }
  if (codes.includes("EHOSTUNREACH") || codes.includes("ENETUNREACH")) return { ok: false, kind: "other", message: "Host unreachable" };
  if (codes.includes("ECONNRESET")) return { ok: false, kind: "other", message: "The server closed the connection" };
  if (/invalid greeting/i.test(text)) {
    return { ok: false, kind: "other", message: "The server did not greet like an SMTP server: check the host and port" };
  }
  return { ok: false, kind: "other", message: tidy(text) || "Unknown error" };
}

/** Runs `work` with an overall deadline; `cleanup` closes whatever connection is still open. */
async function withDeadline<T>(timeoutMs: number, work: () => Promise<T>, cleanup: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TestTimeout(timeoutMs)), timeoutMs);
  });
  const running = work();
  running.catch(() => {}); // a late failure after the deadline is not unhandled
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
    cleanup();
  }
}

/**
 * The account the test connects as: the stored one (when `accountId`), with the form's
 * unsaved server settings on top; a blank password means the stored one.
 */
async function accountForTest(store: MailAccountStore, input: ConnectionTestInput, side: "imap" | "smtp"): Promise<MailAccount> {
  const stored = input.accountId ? await loadAccount(store.db, input.accountId) : null;
  const s = input.server;
  if (!s) {
    if (!stored) throw new AppError("INVALID", "Give the server settings or an account to test");
    return stored;
  }
  const base: MailAccount = stored ?? {
    id: 0, address: "", senderName: null, active: false, imapHost: "", imapPort: 993, imapEncryption: "ssl", imapUser: "",
    imapPassword: "", smtpHost: "", smtpPort: 587, smtpEncryption: "starttls", smtpUser: null, smtpPassword: null,
    replyTo: null, queueId: null, statusId: null, priority: null, afterImport: "mark_seen", afterImportFolder: null,
    maxMessageBytes: 0, lastFetchAt: null, uidValidity: null, lastUid: 0, state: "stopped", lastError: null, lastErrorAt: null,
  };
  const sealed = isBlank(s.password) ? null : sealSecret(s.password, store.appSecret);
  if (side === "imap") {
    const imapPassword = sealed ?? base.imapPassword;
    if (!imapPassword) throw fieldError("INVALID", "imapPassword", "Enter the IMAP password");
    return { ...base, imapHost: s.host, imapPort: s.port, imapEncryption: s.encryption, imapUser: s.user ?? "", imapPassword };
  }
  const smtpPassword = s.user ? (sealed ?? base.smtpPassword) : null;
  if (s.user && !smtpPassword) throw fieldError("INVALID", "smtpPassword", "Enter the SMTP password");
  return { ...base, smtpHost: s.host, smtpPort: s.port, smtpEncryption: s.encryption, smtpUser: s.user || null, smtpPassword };
}

/** "Test fetch": log in over IMAP, open INBOX, count its messages. Never throws for server trouble. */
export async function testMailAccountFetch(
  store: MailAccountStore,
  actor: Actor,
  input: ConnectionTestInput,
  timeoutMs = CONNECTION_TEST_TIMEOUT_MS,
): Promise<FetchTestResult> {
  assertAdmin(actor);
  const account = await accountForTest(store, input, "imap");
  let client: ImapFlow | null = null;
  try {
    return await withDeadline(
      timeoutMs,
      async () => {
        const target = await guardMailHost(store.db, account.imapHost);
        const c = new ImapFlow({
          ...imapOptions(account, store.appSecret),
          host: target.host,
          servername: target.servername,
          connectionTimeout: timeoutMs,
          greetingTimeout: timeoutMs,
          socketTimeout: timeoutMs * 2,
          disableAutoIdle: true,
        });
        client = c;
        c.on("error", () => {}); // reported through the awaited calls
        await c.connect();
        const status = await c.status("INBOX", { messages: true, unseen: true });
        const box = await c.mailboxOpen("INBOX", { readOnly: true });
        await c.logout().catch(() => {});
        const unseen = status ? (status.unseen ?? 0) : 0;
        return { ok: true as const, unseen, messages: status ? (status.messages ?? box.exists) : box.exists };
      },
      () => (client as ImapFlow | null)?.close(),
    );
  } catch (err) {
    return classifyConnectionError(err, timeoutMs);
  }
}

/** "Test send": connect to the SMTP server and log in (nodemailer verify); nothing is sent. */
export async function testMailAccountSend(
  store: MailAccountStore,
  actor: Actor,
  input: ConnectionTestInput,
  timeoutMs = CONNECTION_TEST_TIMEOUT_MS,
): Promise<SendTestResult> {
  assertAdmin(actor);
  const account = await accountForTest(store, input, "smtp");
  let transport: nodemailer.Transporter | null = null;
  try {
    return await withDeadline(
      timeoutMs,
      async () => {
        const target = await guardMailHost(store.db, account.smtpHost);
        const options = smtpOptions(account, store.appSecret);
        transport = nodemailer.createTransport({
          ...options,
          host: target.host,
          // Connected by address: TLS still checks the certificate against the host name.
          tls: target.servername ? { ...options.tls, servername: target.servername } : options.tls,
          connectionTimeout: timeoutMs,
          greetingTimeout: timeoutMs,
          socketTimeout: timeoutMs,
        });
        await transport.verify();
        return { ok: true as const };
      },
      () => (transport as nodemailer.Transporter | null)?.close(),
    );
  } catch (err) {
    return classifyConnectionError(err, timeoutMs);
  }
}
