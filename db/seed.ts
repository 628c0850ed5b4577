import { randomBytes } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { fieldOptions, mailAccounts, queueAccess, queues, statuses, users, type FieldOptionKind } from "./schema";
import { hashPassword } from "../lib/password";
import { sealSecret } from "../lib/secret-box";

export interface DemoLogin {
  email: string;
  password: string;
  role: "admin" | "agent";
  name: string;
}

/** Demo-only passwords: random per installation, printed at start-up, never committed. */
const demoPassword = () => `demo-${randomBytes(6).toString("base64url")}`;

/** The statuses every new queue starts with (start-up queues and queues an admin creates). */
export const defaultStatuses = [
  { name: "New", nameDe: "Neu", category: "new", progress: 0, builtIn: true },
  { name: "Open", nameDe: "Offen", category: "open", progress: 25, builtIn: false },
  { name: "Waiting for customer", nameDe: "Warten auf Kunde", category: "pending", progress: 50, builtIn: false },
  { name: "Solved", nameDe: "Gelöst", category: "solved", progress: 100, builtIn: false },
  { name: "Closed", nameDe: "Geschlossen", category: "closed", progress: 100, builtIn: true },
] as const;

/**
 * Creates a queue with the default statuses, unless it exists. Every agent becomes an agent
 * of it (manage): queues made at start-up (base data, the mailbox from the environment) are
 * for the whole team; an admin narrows that per user afterwards.
 */
export async function ensureQueue(db: Db, name: string, position: number): Promise<number> {
  const [existing] = await db.select().from(queues).where(eq(queues.name, name));
  if (existing) return existing.id;
  const [q] = await db.insert(queues).values({ name, position }).returning();
  await db.insert(statuses).values(defaultStatuses.map((s, i) => ({ ...s, queueId: q.id, position: i })));
  await db.execute(sql`
    insert into ${queueAccess} (user_id, queue_id, level)
    select ${users.id}, ${q.id}, 'manage' from ${users} where ${users.role} = 'agent'
    on conflict do nothing`);
  return q.id;
}

/** What mail needs to become tickets: the default queues with their statuses. */
export async function ensureBaseData(db: Db): Promise<void> {
  await ensureQueue(db, "Support", 0);
  await ensureQueue(db, "Sales", 1);
}

/**
 * First start on an empty database: two queues, an admin and two agents. Returns the demo
 * logins it created (empty when users already existed).
 */
export async function seedDemo(db: Db): Promise<DemoLogin[]> {
  await ensureBaseData(db);
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return [];
  const logins: DemoLogin[] = [
    { email: "admin@demo.test", name: "Ada Admin", role: "admin", password: demoPassword() },
    { email: "agent1@demo.test", name: "Agent 1", role: "agent", password: demoPassword() },
    { email: "agent2@demo.test", name: "Agent 2", role: "agent", password: demoPassword() },
  ];
  const allQueues = await db.select({ id: queues.id }).from(queues);
  for (const l of logins) {
    const [u] = await db.insert(users).values({ email: l.email, name: l.name, role: l.role, passwordHash: await hashPassword(l.password) }).returning();
    // The demo agents work every queue.
    if (l.role === "agent") await db.insert(queueAccess).values(allQueues.map((q) => ({ userId: u.id, queueId: q.id, level: "manage" as const })));
  }
  await db.insert(fieldOptions).values(demoListEntries.map(([kind, name, nameDe], position) => ({ kind, name, nameDe, position }))).onConflictDoNothing();
  return logins;
}

/** A few entries per configurable list (B4, B5, B8, B9), so the demo's ticket form has choices. */
const demoListEntries: [FieldOptionKind, string, string][] = [
  ["ticketRole", "Specialist", "Fachexperte"],
  ["ticketRole", "Reviewer", "Prüfer"],
  ["topic", "Question", "Frage"],
  ["topic", "Bug report", "Fehlermeldung"],
  ["brand", "Web shop", "Webshop"],
  ["brand", "Retail store", "Filiale"],
  ["category", "Hardware", "Hardware"],
  ["category", "Software", "Software"],
  ["severity", "Minor", "Gering"],
  ["severity", "Major", "Schwer"],
  ["source", "Phone", "Telefon"],
  ["source", "E-mail", "E-Mail"],
  ["serviceContract", "Premium support", "Premium-Support"],
];

function parseMailUrl(url: string) {
  const u = new URL(url);
  // imaps/smtps: TLS from the first byte; imap/smtp: STARTTLS when offered, else plain (local test servers).
  const secure = u.protocol === "imaps:" || u.protocol === "smtps:";
  const defaultPort = { "imap:": 143, "imaps:": 993, "smtp:": 587, "smtps:": 465 }[u.protocol] ?? 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : defaultPort,
    secure,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

/** Creates or updates the mail account given by MAIL_ADDRESS / MAIL_IMAP_URL / MAIL_SMTP_URL. */
export async function upsertMailAccountFromUrls(
  db: Db,
  cfg: { address: string; imapUrl: string; smtpUrl: string; appSecret: string; queueName?: string },
): Promise<number> {
  const imap = parseMailUrl(cfg.imapUrl);
  const smtp = parseMailUrl(cfg.smtpUrl);
  const queueId = await ensureQueue(db, cfg.queueName ?? "Support", 0);
  const values = {
    address: cfg.address,
    active: true,
    imapHost: imap.host, imapPort: imap.port, imapEncryption: imap.secure ? ("ssl" as const) : ("none" as const), imapUser: imap.user,
    imapPassword: sealSecret(imap.password, cfg.appSecret),
    smtpHost: smtp.host, smtpPort: smtp.port, smtpEncryption: smtp.secure ? ("ssl" as const) : ("none" as const), smtpUser: smtp.user || null,
    smtpPassword: smtp.password ? sealSecret(smtp.password, cfg.appSecret) : null,
    queueId,
  };
  const [row] = await db
    .insert(mailAccounts)
    .values(values)
    .onConflictDoUpdate({ target: mailAccounts.address, set: values })
    .returning({ id: mailAccounts.id });
  return row.id;
}
