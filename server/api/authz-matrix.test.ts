import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { mailAccounts, mailRules, notifications, outbox, quarantinedMails, reminders, statuses, tickets, timeEntries } from "../../db/schema";
import { ensureQueue } from "../../db/seed";
import { createFreshDatabase, type FreshDatabase } from "../../db/testing/fresh-database";
import { makeUser, testContext, testDeps, type TestDeps } from "../../db/testing/test-deps";
import type { UserActor } from "../domain/actor";
import { ingestRawMail } from "../domain/mail/ingest";
import { appRouter, createCaller } from "./root";

/**
 * The authorization matrix (`npm run test:authz`): every tRPC procedure of the router, for
 * every role, against a row of their own, another's row in a queue they see, and a row in a
 * queue hidden from them. Each procedure has one rule in `expectations`; a procedure without
 * one fails the test, so a new procedure cannot ship unchecked.
 *
 * Allowed means the call gets past authorization: it succeeds, or fails for its input
 * (BAD_REQUEST, CONFLICT). Denied means UNAUTHORIZED, FORBIDDEN or NOT_FOUND. Customers have
 * no session kind of their own yet (the portal comes later); they join this table then.
 */

type Role = "admin" | "agentManage" | "agentWrite" | "agentReadOwn" | "backofficeView" | "anonymous";
type Row = "own" | "other" | "hidden";
const roles: Role[] = ["admin", "agentManage", "agentWrite", "agentReadOwn", "backofficeView", "anonymous"];
const rows: Row[] = ["own", "other", "hidden"];

/**
 * Who may do what, written out by hand (not computed by the policy under test).
 * - public: anyone, signed in or not (the sign-in page's "forgot password" and set-password links).
 * - staff / self: any signed-in staff user (self: about their own data only).
 * - admin: admins only.
 * - read / write / create: on the row's ticket or, for create, in the row's queue.
 */
type Rule = "public" | "staff" | "admin" | "read" | "write" | "create" | "delete";
const allowed: Record<Exclude<Rule, "public" | "staff" | "admin">, Record<Role, Row[]>> = {
  read: { admin: rows, agentManage: ["own", "other"], agentWrite: ["own"], agentReadOwn: ["own"], backofficeView: ["own", "other"], anonymous: [] },
  write: { admin: rows, agentManage: ["own", "other"], agentWrite: ["own"], agentReadOwn: [], backofficeView: [], anonymous: [] },
  create: { admin: rows, agentManage: ["own", "other"], agentWrite: ["own", "other"], agentReadOwn: [], backofficeView: [], anonymous: [] },
  // Write is below delete_own (A3), and the back-office user lacks the delete right.
  delete: { admin: rows, agentManage: ["own", "other"], agentWrite: [], agentReadOwn: [], backofficeView: [], anonymous: [] },
};
function expectAllowed(rule: Rule, role: Role, row: Row): boolean {
  if (rule === "public") return true;
  if (rule === "staff") return role !== "anonymous";
  if (rule === "admin") return role === "admin";
  return allowed[rule][role].includes(row);
}

/** What one case needs: the caller's own fixtures and the row under test. */
interface Case {
  role: Role;
  row: Row;
  user: UserActor | null;
  ticketId: number;
  queueId: number;
  statusId: number;
  outboxId: number;
  notificationId: number;
  uniq: string;
}

const accountInput = (c: Case) => ({
  address: `m-${c.uniq}@desk.test`, senderName: null, replyTo: null, active: false,
  imapHost: "imap.desk.test", imapPort: 993, imapEncryption: "ssl", imapUser: "u", imapPassword: "p",
  smtpHost: "smtp.desk.test", smtpPort: 587, smtpEncryption: "starttls", smtpUser: null, smtpPassword: null,
  queueId: null, statusId: null, priority: null, afterImport: "mark_seen", afterImportFolder: null, maxMessageBytes: 10 * 1024 * 1024,
});
const ruleInput = (c: Case) => ({ name: `r-${c.uniq}`, conditions: [{ field: "subject", op: "contains", value: "x" }], actions: { mode: "ignore" } });
/** The matrix contact as it is stored: saving it again changes nothing, so every allowed caller gets through. */
const contactInput = () => ({ name: "Matrix Contact", city: "Matrixstadt", emails: [{ email: "matrix-contact@customer.test", primary: true }] });
const organisationInput = { name: "Matrix Org", customerNumber: null, street: null, postalCode: null, city: null, country: null, notes: null };

let fx: {
  accountId: number; ruleId: number; quarantineId: number; scratchUserId: number; hiddenQueueId: number; visibleQueueId: number;
  contactId: number; contactVersion: number; organisationId: number; organisationVersion: number;
  mergeSurvivorId: number; mergeDuplicateOf: Record<string, number>; spareOrganisationOf: Record<string, number>;
  scratchQueueId: number; scratchStatusId: number; statusGroupId: number; fieldOptionId: number;
  teamId: number; spareTeamId: number;
  /** Per role: a ticket of their own to link to and merge into; per role and row: a ticket to delete. */
  spareTicketOf: Record<string, number>; deleteTicketOf: Record<string, number>;
  /** Per `role:row`: a time entry booked and a reminder set by that role's user (the admin's for anonymous). */
  timeEntryOf: Record<string, number>; reminderOf: Record<string, number>; rateId: number; spareRateId: number;
};
const timeInput = { minutes: 5, serviceType: "call", billable: true, rateId: null, note: "matrix", workedAt: new Date("2026-01-05T10:00:00Z") };

const expectations: Record<string, { rule: Rule; input?: (c: Case) => unknown }> = {
  "me.get": { rule: "staff" },
  "me.profile": { rule: "staff" },
  "me.updateProfile": { rule: "staff", input: () => ({ greeting: "Hi", signature: null }) },
  "me.setLanguage": { rule: "staff", input: () => ({ language: "de" }) },
  "me.signOutEverywhere": { rule: "staff" },
  "ticket.list": { rule: "staff", input: () => ({ filter: "all", limit: 10 }) },
  "ticket.get": { rule: "read", input: (c) => ({ ticketId: c.ticketId }) },
  "ticket.create": { rule: "create", input: (c) => ({ title: "Matrix", queueId: c.queueId, customerEmail: "m@customer.test", body: "x" }) },
  "ticket.setStatus": { rule: "write", input: (c) => ({ ticketId: c.ticketId, statusId: c.statusId }) },
  "ticket.update": { rule: "write", input: (c) => ({ ticketId: c.ticketId, priority: 3, tags: ["matrix"] }) },
  "ticket.ownerOptions": { rule: "read", input: (c) => ({ ticketId: c.ticketId }) },
  "ticket.fieldChoices": { rule: "staff" },
  // Claiming needs write rights; a ticket someone owns answers CONFLICT, which still passes the check.
  "ticket.claim": { rule: "write", input: (c) => ({ ticketId: c.ticketId }) },
  "ticket.senders": { rule: "staff" },
  "ticket.queues": { rule: "staff" },
  // Contacts are staff data (K1): any staff user reads, edits and merges them; changes are audited.
  "contact.search": { rule: "staff", input: () => ({ query: "matrix", page: 1, pageSize: 10 }) },
  "contact.get": { rule: "staff", input: () => ({ contactId: fx.contactId }) },
  "contact.tickets": { rule: "staff", input: () => ({ contactId: fx.contactId }) },
  "contact.customerClasses": { rule: "staff" },
  "contact.create": { rule: "staff", input: (c) => ({ ...contactInput(), emails: [{ email: `contact-${c.uniq}@customer.test`, primary: true }] }) },
  "contact.update": { rule: "staff", input: () => ({ ...contactInput(), id: fx.contactId, version: fx.contactVersion }) },
  "contact.merge": { rule: "staff", input: (c) => ({ survivorId: fx.mergeSurvivorId, duplicateId: fx.mergeDuplicateOf[c.role] }) },
  "contact.organisations": { rule: "staff", input: () => ({ query: "matrix" }) },
  "contact.organisation": { rule: "staff", input: () => ({ organisationId: fx.organisationId }) },
  "contact.createOrganisation": { rule: "staff", input: (c) => ({ ...organisationInput, name: `Org ${c.uniq}` }) },
  "contact.updateOrganisation": { rule: "staff", input: () => ({ ...organisationInput, id: fx.organisationId, version: fx.organisationVersion }) },
  "contact.deleteOrganisation": { rule: "staff", input: (c) => ({ organisationId: fx.spareOrganisationOf[c.role] }) },
  "entry.list": { rule: "read", input: (c) => ({ ticketId: c.ticketId }) },
  "entry.reply": { rule: "write", input: (c) => ({ ticketId: c.ticketId, body: "Matrix reply" }) },
  "entry.comment": { rule: "write", input: (c) => ({ ticketId: c.ticketId, body: "Matrix comment" }) },
  "entry.preview": { rule: "read", input: (c) => ({ ticketId: c.ticketId, body: "Dear {{customer.name}}" }) },
  "entry.recipients": { rule: "read", input: (c) => ({ ticketId: c.ticketId }) },
  "entry.topics": { rule: "staff" },
  "entry.retryDelivery": { rule: "write", input: (c) => ({ outboxId: c.outboxId }) },
  "admin.outbox": { rule: "admin", input: () => ({ limit: 5 }) },
  "admin.caughtMails": { rule: "admin", input: () => ({ limit: 5 }) },
  "admin.quarantine": { rule: "admin", input: () => ({ limit: 5 }) },
  "admin.quarantineRetry": { rule: "admin", input: () => ({ id: fx.quarantineId }) },
  "admin.quarantineDiscard": { rule: "admin", input: () => ({ id: fx.quarantineId }) },
  "mailAccount.list": { rule: "admin" },
  "mailAccount.get": { rule: "admin", input: () => ({ id: fx.accountId }) },
  "mailAccount.create": { rule: "admin", input: accountInput },
  "mailAccount.update": { rule: "admin", input: (c) => ({ ...accountInput(c), id: fx.accountId, address: `acc-${fx.accountId}@desk.test` }) },
  "mailAccount.setActive": { rule: "admin", input: () => ({ id: fx.accountId, active: false }) },
  "mailAccount.delete": { rule: "admin", input: () => ({ id: fx.accountId }) },
  "mailAccount.testFetch": { rule: "admin", input: () => ({ imapHost: "127.0.0.1", imapPort: 1, imapEncryption: "none", imapUser: "u", imapPassword: "p" }) },
  "mailAccount.testSend": { rule: "admin", input: () => ({ smtpHost: "127.0.0.1", smtpPort: 1, smtpEncryption: "none", smtpUser: null, smtpPassword: null }) },
  "settings.get": { rule: "admin" },
  "settings.update": { rule: "admin", input: () => ({ testModeAddress: null }) },
  "mailRule.list": { rule: "admin" },
  "mailRule.create": { rule: "admin", input: ruleInput },
  "mailRule.update": { rule: "admin", input: (c) => ({ ...ruleInput(c), id: fx.ruleId }) },
  "mailRule.setActive": { rule: "admin", input: () => ({ id: fx.ruleId, active: true }) },
  "mailRule.delete": { rule: "admin", input: () => ({ id: fx.ruleId }) },
  "mailRule.move": { rule: "admin", input: () => ({ id: fx.ruleId, direction: "up" }) },
  "mailRule.reorder": { rule: "admin", input: () => ({ ids: [] }) },
  "mailRule.dryRun": { rule: "admin", input: () => ({ raw: "Subject: x\r\n\r\nbody" }) },
  "queue.mailSettings": { rule: "admin" },
  "queue.updateMailSettings": {
    rule: "admin",
    input: () => ({ queueId: fx.visibleQueueId, senderAccountId: null, autoresponderEnabled: false, autoresponderText: null, quoting: "last", notifyEmails: [], greeting: null, signature: null }),
  },
  "queue.list": { rule: "admin" },
  "queue.options": { rule: "staff" },
  "queue.create": { rule: "admin", input: (c) => ({ name: `q-${c.uniq}`, nameDe: "Neu", groupName: null, description: null, customersSeeEachOther: false }) },
  "queue.update": { rule: "admin", input: () => ({ id: fx.scratchQueueId, name: "Scratch", nameDe: null, groupName: "Matrix", description: "d", customersSeeEachOther: false }) },
  "queue.move": { rule: "admin", input: () => ({ id: fx.scratchQueueId, direction: "up" }) },
  "queue.delete": { rule: "admin", input: () => ({ id: fx.scratchQueueId }) },
  "status.list": { rule: "admin", input: () => ({ queueId: fx.visibleQueueId }) },
  "status.create": { rule: "admin", input: (c) => ({ queueId: fx.visibleQueueId, name: `s-${c.uniq}`, nameDe: null, category: "open", progress: 10, groupId: null }) },
  "status.update": { rule: "admin", input: () => ({ id: fx.scratchStatusId, name: "Matrix status", nameDe: null, category: "pending", progress: 30, groupId: fx.statusGroupId }) },
  "status.move": { rule: "admin", input: () => ({ id: fx.scratchStatusId, direction: "up" }) },
  "status.delete": { rule: "admin", input: () => ({ id: fx.scratchStatusId }) },
  "status.counts": { rule: "staff", input: () => ({ queueId: fx.visibleQueueId }) },
  "statusGroup.list": { rule: "admin" },
  "statusGroup.create": { rule: "admin", input: (c) => ({ name: `g-${c.uniq}`, nameDe: null, colour: "#112233" }) },
  "statusGroup.update": { rule: "admin", input: () => ({ id: fx.statusGroupId, name: "Matrix group", nameDe: "Gruppe", colour: "#445566" }) },
  "statusGroup.move": { rule: "admin", input: () => ({ id: fx.statusGroupId, direction: "down" }) },
  "statusGroup.delete": { rule: "admin", input: () => ({ id: fx.statusGroupId }) },
  "fieldOption.list": { rule: "admin", input: () => ({ kind: "brand" }) },
  "fieldOption.create": { rule: "admin", input: (c) => ({ kind: "topic", name: `o-${c.uniq}`, nameDe: null, colour: null }) },
  "fieldOption.update": { rule: "admin", input: () => ({ id: fx.fieldOptionId, name: "Matrix brand", nameDe: null, colour: "#778899" }) },
  "fieldOption.move": { rule: "admin", input: () => ({ id: fx.fieldOptionId, direction: "up" }) },
  "fieldOption.setActive": { rule: "admin", input: () => ({ id: fx.fieldOptionId, active: false }) },
  "fieldOption.delete": { rule: "admin", input: () => ({ id: fx.fieldOptionId }) },
  "notification.list": { rule: "staff", input: () => ({ limit: 5 }) },
  "notification.unreadCount": { rule: "staff" },
  "notification.markRead": { rule: "read", input: (c) => ({ notificationId: c.notificationId }) },
  "notification.markAllRead": { rule: "staff" },
  "notification.isWatching": { rule: "read", input: (c) => ({ ticketId: c.ticketId }) },
  "notification.watch": { rule: "read", input: (c) => ({ ticketId: c.ticketId }) },
  "notification.unwatch": { rule: "read", input: (c) => ({ ticketId: c.ticketId }) },
  "notification.mailPreferences": { rule: "staff" },
  "notification.updateMailPreferences": { rule: "staff", input: () => ({ entry: false }) },
  "audit.list": { rule: "admin", input: () => ({ limit: 5 }) },
  "team.list": { rule: "staff" },
  "team.save": { rule: "admin", input: (c) => ({ id: null, name: `Team ${c.uniq}`, memberIds: [] }) },
  "team.delete": { rule: "admin", input: () => ({ id: fx.spareTeamId }) },
  "team.watching": { rule: "read", input: (c) => ({ ticketId: c.ticketId }) },
  "team.setWatching": { rule: "write", input: (c) => ({ ticketId: c.ticketId, teamId: fx.teamId, watching: true }) },
  // C6–C8: linking, merging, copying and deleting need the rights on each ticket involved.
  "ticketStructure.get": { rule: "read", input: (c) => ({ ticketId: c.ticketId }) },
  "ticketStructure.search": { rule: "read", input: (c) => ({ ticketId: c.ticketId, query: "Row" }) },
  "ticketStructure.history": { rule: "read", input: (c) => ({ ticketId: c.ticketId }) },
  "ticketStructure.setParent": { rule: "write", input: (c) => ({ ticketId: c.ticketId, parentId: fx.spareTicketOf[c.role] }) },
  "ticketStructure.unlinkParent": { rule: "write", input: (c) => ({ ticketId: c.ticketId }) },
  "ticketStructure.createChild": { rule: "write", input: (c) => ({ parentId: c.ticketId, title: "Matrix child", body: "x" }) },
  "ticketStructure.copy": { rule: "write", input: (c) => ({ ticketId: c.ticketId, title: "Copy of Row" }) },
  "ticketStructure.merge": { rule: "write", input: (c) => ({ sourceId: c.ticketId, targetId: fx.spareTicketOf[c.role] }) },
  "ticketStructure.delete": { rule: "delete", input: (c) => ({ ticketId: fx.deleteTicketOf[`${c.role}:${c.row}`] }) },
  "user.list": { rule: "admin" },
  "user.updateAccess": {
    rule: "admin",
    input: () => ({ userId: fx.scratchUserId, role: "agent", active: true, canOwnTickets: true, rights: [], queues: {} }),
  },
  "user.invite": { rule: "admin", input: (c) => ({ email: `invite-${c.uniq}@desk.test`, name: "Invited", role: "agent" }) },
  "user.resendInvite": { rule: "admin", input: () => ({ userId: fx.scratchUserId }) },
  "user.pendingInvitations": { rule: "admin" },
  "timeEntry.list": { rule: "read", input: (c) => ({ ticketId: c.ticketId }) },
  "timeEntry.add": { rule: "write", input: (c) => ({ ticketId: c.ticketId, ...timeInput }) },
  // Each role edits its own entry on the row's ticket (someone else's: see time-entries.test.ts).
  "timeEntry.update": { rule: "write", input: (c) => ({ id: fx.timeEntryOf[`${c.role}:${c.row}`], ...timeInput, minutes: 7 }) },
  "timeEntry.delete": { rule: "write", input: (c) => ({ id: fx.timeEntryOf[`${c.role}:${c.row}`] }) },
  "timeEntry.rates": { rule: "staff" },
  // The report is for staff; each sees entries on the tickets they may read (time-report.test.ts).
  "timeEntry.report": { rule: "staff", input: () => ({ billable: "all" }) },
  "timeEntry.reportOptions": { rule: "staff" },
  "hourlyRate.list": { rule: "admin" },
  "hourlyRate.create": { rule: "admin", input: (c) => ({ name: `rate-${c.uniq}`, centsPerHour: 9000 }) },
  "hourlyRate.update": { rule: "admin", input: () => ({ id: fx.rateId, name: "Matrix rate", centsPerHour: 9500 }) },
  "hourlyRate.move": { rule: "admin", input: () => ({ id: fx.rateId, direction: "up" }) },
  "hourlyRate.setActive": { rule: "admin", input: () => ({ id: fx.rateId, active: true }) },
  "hourlyRate.delete": { rule: "admin", input: () => ({ id: fx.spareRateId }) },
  "reminder.list": { rule: "read", input: (c) => ({ ticketId: c.ticketId }) },
  "reminder.recipients": { rule: "read", input: (c) => ({ ticketId: c.ticketId }) },
  "reminder.create": { rule: "read", input: (c) => ({ ticketId: c.ticketId, userId: c.user?.userId ?? 1, dueAt: new Date(Date.now() + 3600_000), note: "matrix" }) },
  // Each role cancels the reminder it set for itself on the row's ticket.
  "reminder.cancel": { rule: "read", input: (c) => ({ id: fx.reminderOf[`${c.role}:${c.row}`] }) },
  "auth.requestPasswordReset": { rule: "public", input: (c) => ({ email: `nobody-${c.uniq}@desk.test` }) },
  "auth.checkLink": { rule: "public", input: () => ({ token: "x".repeat(43) }) },
  "auth.setPassword": { rule: "public", input: () => ({ token: "x".repeat(43), password: "long enough password" }) },
};

const rowScoped = (rule: Rule) => rule === "read" || rule === "write" || rule === "create" || rule === "delete";

let db: FreshDatabase;
let deps: TestDeps;
const users = new Map<Role, UserActor | null>();
/** Per role and row: the ticket (and its outbox row and the role's notification about it). */
const ticketsOf = new Map<string, { ticketId: number; queueId: number; statusId: number; outboxId: number; notificationId: number }>();

beforeAll(async () => {
  db = await createFreshDatabase("authz");
  deps = testDeps(db.url);
  const visible = await ensureQueue(deps.db, "Visible", 0);
  const hidden = await ensureQueue(deps.db, "Hidden", 1);
  const admin = await makeUser(deps, "admin");
  users.set("admin", admin);
  users.set("agentManage", await makeUser(deps, "agent", { queues: { [visible]: "manage" } }));
  users.set("agentWrite", await makeUser(deps, "agent", { queues: { [visible]: "write" } }));
  users.set("agentReadOwn", await makeUser(deps, "agent", { queues: { [visible]: "read_own" } }));
  users.set("backofficeView", await makeUser(deps, "backoffice", { queues: { [visible]: "manage" }, rights: ["ticket.view"] }));
  users.set("anonymous", null);

  const statusOf = async (queueId: number) =>
    (await deps.db.select({ id: statuses.id }).from(statuses).where(and(eq(statuses.queueId, queueId), eq(statuses.category, "open"))))[0].id;
  const [visibleStatus, hiddenStatus] = [await statusOf(visible), await statusOf(hidden)];
  const api = createCaller(testContext(deps, admin));
  /** A ticket made by the admin, owned by `ownerId`, with a failed outbox row and a notification for `notifyUserId`. */
  const rowTicket = async (queueId: number, ownerId: number, notifyUserId: number) => {
    const t = await api.ticket.create({ title: "Row", queueId, customerEmail: "row@customer.test", body: "x" });
    await deps.db.update(tickets).set({ ownerId }).where(eq(tickets.id, t.id));
    const [o] = await deps.db
      .insert(outbox)
      .values({ ticketId: t.id, kind: "reply", fromEmail: "d@desk.test", toEmails: ["row@customer.test"], subject: "s", bodyText: "b", messageId: `${t.id}-${Math.random()}@desk.test`, status: "failed" })
      .returning({ id: outbox.id });
    const [n] = await deps.db.insert(notifications).values({ userId: notifyUserId, kind: "entry", ticketId: t.id }).returning({ id: notifications.id });
    return { ticketId: t.id, queueId, statusId: queueId === visible ? visibleStatus : hiddenStatus, outboxId: o.id, notificationId: n.id };
  };
  const other = await rowTicket(visible, admin.userId, admin.userId);
  for (const role of roles) {
    const u = users.get(role) ?? admin;
    ticketsOf.set(`${role}:own`, await rowTicket(visible, u.userId, u.userId));
    // The other's and the hidden row carry a notification for this user too: one made while they could read it.
    ticketsOf.set(`${role}:other`, { ...other, notificationId: (await deps.db.insert(notifications).values({ userId: u.userId, kind: "entry", ticketId: other.ticketId }).returning({ id: notifications.id }))[0].id });
    const h = await rowTicket(hidden, admin.userId, u.userId);
    ticketsOf.set(`${role}:hidden`, h);
  }

  const account = await api.mailAccount.create(accountInput({ uniq: "fixture" } as Case) as never);
  const rule = await api.mailRule.create(ruleInput({ uniq: "fixture" } as Case) as never);
  const junk = await ingestRawMail(deps, { source: "file", raw: Buffer.from("\u0000\u0001 not a mail") });
  const [q] = await deps.db.select({ id: quarantinedMails.id }).from(quarantinedMails).where(eq(quarantinedMails.inboundMailId, junk.inboundMailId!));
  const scratch = await makeUser(deps, "agent");
  const [team, spareTeam] = [await api.team.save({ name: "Matrix team", memberIds: [] }), await api.team.save({ name: "Spare team", memberIds: [] })];
  // Configuration fixtures: an empty queue (deleted last), and a status, a group and a list entry nobody uses.
  const scratchQueue = await api.queue.create({ name: "Scratch", nameDe: null, groupName: null, description: null, customersSeeEachOther: false });
  const statusGroup = await api.statusGroup.create({ name: "Matrix group", nameDe: null, colour: "#445566" });
  const scratchStatus = await api.status.create({ queueId: visible, name: "Matrix status", nameDe: null, category: "pending", progress: 30, groupId: null });
  const fieldOption = await api.fieldOption.create({ kind: "brand", name: "Matrix brand", nameDe: null, colour: null });
  // Contacts: one to read and save, one to merge into, and per role a duplicate and an organisation to delete.
  const contact = await api.contact.create(contactInput());
  const survivor = await api.contact.create({ emails: [{ email: "matrix-survivor@customer.test", primary: true }] });
  const organisation = await api.contact.createOrganisation(organisationInput);
  const mergeDuplicateOf: Record<string, number> = {};
  const spareOrganisationOf: Record<string, number> = {};
  for (const role of roles) {
    mergeDuplicateOf[role] = (await api.contact.create({ emails: [{ email: `dup-${role}@customer.test`, primary: true }] })).id;
    spareOrganisationOf[role] = (await api.contact.createOrganisation({ ...organisationInput, name: `Spare ${role}` })).id;
  }
  // Tickets like the rows, but spent by linking, merging and deleting.
  const spareTicketOf: Record<string, number> = {};
  const deleteTicketOf: Record<string, number> = {};
  for (const role of roles) {
    const u = users.get(role) ?? admin;
    spareTicketOf[role] = (await rowTicket(visible, u.userId, u.userId)).ticketId;
    deleteTicketOf[`${role}:own`] = (await rowTicket(visible, u.userId, u.userId)).ticketId;
    deleteTicketOf[`${role}:other`] = (await rowTicket(visible, admin.userId, admin.userId)).ticketId;
    deleteTicketOf[`${role}:hidden`] = (await rowTicket(hidden, admin.userId, admin.userId)).ticketId;
  }
  const timeEntryOf: Record<string, number> = {};
  const reminderOf: Record<string, number> = {};
  for (const role of roles) {
    const userId = (users.get(role) ?? admin).userId;
    for (const row of rows) {
      const { ticketId } = ticketsOf.get(`${role}:${row}`)!;
      const [e] = await deps.db.insert(timeEntries).values({ ticketId, userId, minutes: 3 }).returning({ id: timeEntries.id });
      const [r] = await deps.db.insert(reminders).values({ ticketId, createdById: userId, userId, dueAt: new Date(Date.now() + 86400_000) }).returning({ id: reminders.id });
      timeEntryOf[`${role}:${row}`] = e.id;
      reminderOf[`${role}:${row}`] = r.id;
    }
  }
  const rate = await api.hourlyRate.create({ name: "Matrix rate", centsPerHour: 9500 });
  const spareRate = await api.hourlyRate.create({ name: "Spare rate", centsPerHour: 1000 });
  fx = {
    spareTicketOf, deleteTicketOf,
    timeEntryOf, reminderOf, rateId: rate.id, spareRateId: spareRate.id,
    contactId: contact.id, contactVersion: contact.version, organisationId: organisation.id, organisationVersion: organisation.version,
    mergeSurvivorId: survivor.id, mergeDuplicateOf, spareOrganisationOf,
    scratchQueueId: scratchQueue.id, scratchStatusId: scratchStatus.id, statusGroupId: statusGroup.id, fieldOptionId: fieldOption.id,
    accountId: account.id, ruleId: rule.id, quarantineId: q.id, scratchUserId: scratch.userId, hiddenQueueId: hidden, visibleQueueId: visible,
    teamId: team.id, spareTeamId: spareTeam.id,
  };
  expect(await deps.db.select().from(mailAccounts)).toHaveLength(1);
  expect(await deps.db.select().from(mailRules)).toHaveLength(1);
}, 60_000);
afterAll(async () => {
  await deps?.handle.close();
  await db?.drop();
});

async function outcome(path: string, c: Case): Promise<string> {
  const caller = createCaller(testContext(deps, c.user)) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
  const [area, name] = path.split(".");
  const input = expectations[path].input?.(c);
  try {
    await caller[area][name](input);
    return "OK";
  } catch (err) {
    return err instanceof TRPCError ? err.code : `unexpected ${String(err)}`;
  }
}

describe("authorization matrix", () => {
  const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).sort();

  it("every procedure has an expectation, and every expectation a procedure", () => {
    expect(procedures.filter((p) => !(p in expectations)), "procedures without an entry in the matrix").toEqual([]);
    expect(Object.keys(expectations).filter((p) => !procedures.includes(p)), "entries for procedures that no longer exist").toEqual([]);
  });

  it("every procedure × role × ownership is allowed or denied as the table says", async () => {
    const failures: string[] = [];
    let cases = 0;
    // Admin-only mutations that consume their fixture (delete, discard) run last for the admin.
    const order = (p: string) => (/\.(delete|quarantineDiscard)$/.test(p) ? 1 : 0);
    for (const path of [...procedures].sort((a, b) => order(a) - order(b))) {
      const { rule } = expectations[path];
      for (const role of [...roles].sort((a, b) => (a === "admin" ? 1 : 0) - (b === "admin" ? 1 : 0))) {
        for (const row of rowScoped(rule) ? rows : (["own"] as Row[])) {
          const t = ticketsOf.get(`${role}:${row}`)!;
          const c: Case = { role, row, user: users.get(role) ?? null, ...t, uniq: `${path}-${role}-${row}-${cases}`.replace(/\W/g, "") };
          const got = await outcome(path, c);
          cases++;
          const ok = expectAllowed(rule, role, row);
          const passed = ok ? ["OK", "BAD_REQUEST", "CONFLICT"].includes(got) : ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"].includes(got);
          if (role === "anonymous" && rule !== "public" && got !== "UNAUTHORIZED") failures.push(`${path} ${role} ${row}: expected UNAUTHORIZED, got ${got}`);
          else if (!passed) failures.push(`${path} ${role} ${row}: expected ${ok ? "allow" : "deny"}, got ${got}`);
        }
      }
    }
    console.log(`authorization matrix: ${cases} cases over ${procedures.length} procedures and ${roles.length} roles`);
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThan(300);
  }, 120_000);
});
