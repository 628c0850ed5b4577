import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { notifications, outbox, users } from "../../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../../db/testing/test-deps";
import type { Actor } from "../actor";
import { addInternalComment, replyToTicket } from "../conversation/entries";
import { ingestRawMail } from "../mail/ingest";
import {
  listNotifications, markAllNotificationsRead, markNotificationRead, notifyAlarmDue, notifyLockTakenOver, notifyOwnerSet,
  readMailPreferences, unreadCount, updateMailPreferences,
} from "./notifications";
import { createTicket } from "../tickets/tickets";
import { isWatching, setWatching } from "../tickets/watchers";

const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

type UserActor = Extract<Actor, { kind: "user" }>;
const uniq = () => `${Date.now()}.${Math.random().toString(36).slice(2)}`;

async function emailOf(u: UserActor) {
  const [row] = await deps.db.select({ email: users.email }).from(users).where(eq(users.id, u.userId));
  return row.email;
}

async function notificationsOf(u: UserActor, ticketId: number) {
  return deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, u.userId), eq(notifications.ticketId, ticketId)))
    .orderBy(notifications.id);
}

async function mailsTo(address: string) {
  const rows = await deps.db.select().from(outbox).where(eq(outbox.kind, "notification"));
  return rows.filter((r) => r.toEmails.includes(address));
}

/** A ticket opened by `creator` for a customer, and a mail from that customer on it. */
async function ticketBy(creator: UserActor, customer = `c${uniq()}@customer.test`) {
  const t = await createTicket(deps, creator, { title: `Printer ${uniq()}`, queueId, customerEmail: customer, body: "Called about the printer." });
  return { ...t, customer };
}

function customerMail(ticketNumber: number, from: string, body: string) {
  return Buffer.from(
    [
      `From: ${from}`, "To: support@helpdesk.test", `Subject: Re: [Ticket#${ticketNumber}] Printer`,
      `Message-ID: <${uniq()}@customer.test>`, "Content-Type: text/plain; charset=utf-8", "", body,
    ].join("\r\n"),
  );
}

describe("watchers", () => {
  it("the creator (and owner) of a ticket watches it; others can switch watching on and off", async () => {
    const creator = await makeUser(deps);
    const other = await makeUser(deps);
    const t = await ticketBy(creator);
    expect(t.ownerId).toBe(creator.userId);
    expect(await isWatching(deps.db, creator, t.id)).toBe(true);
    expect(await isWatching(deps.db, other, t.id)).toBe(false);
    expect(await setWatching(deps.db, other, { ticketId: t.id, watching: true })).toBe(true);
    expect(await isWatching(deps.db, other, t.id)).toBe(true);
    await setWatching(deps.db, other, { ticketId: t.id, watching: true }); // twice is fine
    await setWatching(deps.db, other, { ticketId: t.id, watching: false });
    expect(await isWatching(deps.db, other, t.id)).toBe(false);
    await setWatching(deps.db, creator, { ticketId: t.id, watching: false });
    expect(await isWatching(deps.db, creator, t.id)).toBe(false);
  });

  it("watching a ticket that does not exist is refused", async () => {
    const u = await makeUser(deps);
    await expect(setWatching(deps.db, u, { ticketId: 999_999_999, watching: true })).rejects.toThrow(/not found/);
  });

  it("a new owner watches the ticket and is told (and mailed: on by default), unless they took it themselves", async () => {
    const creator = await makeUser(deps);
    const owner = await makeUser(deps);
    const t = await ticketBy(creator);
    const n = await notifyOwnerSet(deps, { ticketId: t.id, ownerUserId: owner.userId, byUserId: creator.userId });
    expect(await isWatching(deps.db, owner, t.id)).toBe(true);
    const [note] = await notificationsOf(owner, t.id);
    expect(note).toMatchObject({ kind: "assigned", actorUserId: creator.userId, readAt: null });
    expect(n.outboxIds).toHaveLength(1);
    const [mail] = await mailsTo(await emailOf(owner));
    expect(mail).toMatchObject({ kind: "notification", ticketId: t.id, entryId: null });
    expect(mail.subject).toContain(`#${t.number}`);
    expect(mail.bodyText).toContain(`/tickets/${t.id}`);
    expect(deps.jobsSent).toContainEqual({ name: "outbox.deliver", payload: { outboxId: mail.id } });

    const self = await makeUser(deps);
    await notifyOwnerSet(deps, { ticketId: t.id, ownerUserId: self.userId, byUserId: self.userId });
    expect(await isWatching(deps.db, self, t.id)).toBe(true);
    expect(await notificationsOf(self, t.id)).toHaveLength(0);
  });
});

describe("notifications on new entries", () => {
  it("a customer mail notifies every watcher live, and nobody else", async () => {
    const creator = await makeUser(deps);
    const watcher = await makeUser(deps);
    const bystander = await makeUser(deps);
    const t = await ticketBy(creator);
    await setWatching(deps.db, watcher, { ticketId: t.id, watching: true });
    const secret = `Meine PIN ist 4711 ${uniq()}`;
    const r = await ingestRawMail(deps, { source: "file", raw: customerMail(t.number, t.customer, secret) });
    expect(r.status).toBe("appended");

    for (const u of [creator, watcher]) {
      const [note] = await notificationsOf(u, t.id);
      expect(note).toMatchObject({ kind: "entry", entryId: r.entryId, actorUserId: null });
      const event = deps.events.find((e) => e.type === "notification.created" && e.notificationId === note.id);
      expect(event).toEqual({ type: "notification.created", userId: u.userId, notificationId: note.id, ticketId: t.id, unreadCount: 1 });
    }
    expect(await notificationsOf(bystander, t.id)).toHaveLength(0);

    const list = await listNotifications(deps.db, watcher, { limit: 10 });
    expect(list.items[0]).toMatchObject({
      kind: "entry", ticketId: t.id, ticketNumber: t.number, entryKind: "customer_mail", actorName: t.customer, readAt: null,
    });
    expect(JSON.stringify(list)).not.toContain("4711");
    // An entry is not mailed by default.
    expect(await mailsTo(await emailOf(watcher))).toHaveLength(0);
  });

  it("a reply and a comment notify the other watchers, never their author", async () => {
    const a = await makeUser(deps);
    const b = await makeUser(deps);
    const t = await ticketBy(a);
    await setWatching(deps.db, b, { ticketId: t.id, watching: true });

    const reply = await replyToTicket(deps, a, { ticketId: t.id, body: "We sent a new driver." });
    expect(await notificationsOf(a, t.id)).toHaveLength(0);
    expect((await notificationsOf(b, t.id)).map((n) => [n.kind, n.entryId, n.actorUserId])).toEqual([["entry", reply.entryId, a.userId]]);

    const comment = await addInternalComment(deps, b, { ticketId: t.id, body: "Driver 2.1 is broken." });
    expect((await notificationsOf(a, t.id)).map((n) => [n.kind, n.entryId, n.actorUserId])).toEqual([["entry", comment.entryId, b.userId]]);
    expect(await notificationsOf(b, t.id)).toHaveLength(1);
  });

  it("a mail from a colleague's own address (e.g. an out-of-office reply) does not notify that colleague", async () => {
    const a = await makeUser(deps);
    const t = await ticketBy(a);
    await ingestRawMail(deps, { source: "file", raw: customerMail(t.number, await emailOf(a), "I am out of office.") });
    expect(await notificationsOf(a, t.id)).toHaveLength(0);
  });

  it("a system event (status change) notifies nobody", async () => {
    const a = await makeUser(deps);
    const b = await makeUser(deps);
    const t = await ticketBy(a);
    await setWatching(deps.db, b, { ticketId: t.id, watching: true });
    const { changeStatus } = await import("../tickets/tickets");
    const { statuses } = await import("../../../db/schema");
    const [open] = await deps.db.select().from(statuses).where(and(eq(statuses.queueId, queueId), eq(statuses.name, "Open")));
    await changeStatus(deps, a, { ticketId: t.id, statusId: open.id });
    expect(await notificationsOf(b, t.id)).toHaveLength(0);
  });
});

describe("mentions", () => {
  it("@Name and @address in a comment notify that user (instead of a plain entry notification), mailed by default", async () => {
    const a = await makeUser(deps);
    const b = await makeUser(deps);
    const c = await makeUser(deps);
    const d = await makeUser(deps);
    const t = await ticketBy(a);
    await setWatching(deps.db, b, { ticketId: t.id, watching: true });
    const text = `Internal: contract 0815 says no. @${b.name} and @${await emailOf(c)}, please check. Not: x@${d.name}`;
    const r = await addInternalComment(deps, a, { ticketId: t.id, body: text });

    expect((await notificationsOf(b, t.id)).map((n) => n.kind)).toEqual(["mention"]);
    expect((await notificationsOf(c, t.id)).map((n) => [n.kind, n.entryId, n.actorUserId])).toEqual([["mention", r.entryId, a.userId]]);
    expect(await notificationsOf(d, t.id)).toHaveLength(0);

    // Mentions are mailed by default: short, without the comment's text.
    for (const u of [b, c]) {
      const mails = await mailsTo(await emailOf(u));
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toContain(`${a.name} mentioned you`);
      expect(mails[0].bodyText).toContain(`#${t.number}`);
      expect(`${mails[0].subject}\n${mails[0].bodyText}`).not.toContain("0815");
      expect(mails[0].bodyText).not.toContain("contract");
    }
    // The socket events carry ids and counts only.
    const events = deps.events.filter((e) => e.type === "notification.created" && e.ticketId === t.id);
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain("contract");
  });

  it("mentioning yourself notifies nobody", async () => {
    const a = await makeUser(deps);
    const t = await ticketBy(a);
    await addInternalComment(deps, a, { ticketId: t.id, body: `Note to @${a.name}` });
    expect(await notificationsOf(a, t.id)).toHaveLength(0);
  });

  it("an inactive user is not notified", async () => {
    const a = await makeUser(deps);
    const gone = await makeUser(deps);
    await deps.db.update(users).set({ active: false }).where(eq(users.id, gone.userId));
    const t = await ticketBy(a);
    await addInternalComment(deps, a, { ticketId: t.id, body: `@${gone.name} ?` });
    expect(await notificationsOf(gone, t.id)).toHaveLength(0);
  });
});

describe("mail preferences", () => {
  it("defaults: in-app for all, mail for assigned and mentioned; each kind can be switched", async () => {
    const a = await makeUser(deps);
    const b = await makeUser(deps);
    expect(await readMailPreferences(deps.db, b)).toEqual({ entry: false, assigned: true, mention: true, lock_taken_over: false, alarm: false });
    const t = await ticketBy(a);
    await setWatching(deps.db, b, { ticketId: t.id, watching: true });

    await updateMailPreferences(deps.db, b, { entry: true, mention: false });
    expect(await readMailPreferences(deps.db, b)).toMatchObject({ entry: true, mention: false, assigned: true });
    const reply = `Here is the secret invoice text ${uniq()}`;
    await replyToTicket(deps, a, { ticketId: t.id, body: reply });
    let mails = await mailsTo(await emailOf(b));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: "notification", ticketId: t.id, entryId: null });
    expect(mails[0].subject).toContain(`${a.name} replied to the customer`);
    expect(mails[0].bodyText).not.toContain("secret invoice");

    // Mention mail switched off: in the app only.
    await addInternalComment(deps, a, { ticketId: t.id, body: `@${b.name} look` });
    mails = await mailsTo(await emailOf(b));
    expect(mails).toHaveLength(1);
    expect((await notificationsOf(b, t.id)).map((n) => n.kind)).toEqual(["entry", "mention"]);
  });
});

describe("lock taken over and alarms", () => {
  it("the former lock holder is told who took over, in the app only by default", async () => {
    const holder = await makeUser(deps);
    const taker = await makeUser(deps);
    const t = await ticketBy(holder);
    const n = await notifyLockTakenOver(deps, { ticketId: t.id, formerHolderUserId: holder.userId, byUserId: taker.userId });
    const [note] = await notificationsOf(holder, t.id);
    expect(note).toMatchObject({ kind: "lock_taken_over", actorUserId: taker.userId });
    expect(n.outboxIds).toEqual([]);
    expect(deps.events).toContainEqual({ type: "notification.created", userId: holder.userId, notificationId: note.id, ticketId: t.id, unreadCount: 1 });
    expect(await notificationsOf(taker, t.id)).toHaveLength(0);
  });

  it("taking over one's own lock notifies nobody", async () => {
    const u = await makeUser(deps);
    const t = await ticketBy(u);
    await notifyLockTakenOver(deps, { ticketId: t.id, formerHolderUserId: u.userId, byUserId: u.userId });
    expect(await notificationsOf(u, t.id)).toHaveLength(0);
  });

  it("a due alarm notifies its user (mailed when the user asked for it)", async () => {
    const u = await makeUser(deps);
    const t = await ticketBy(u);
    await notifyAlarmDue(deps, { ticketId: t.id, userId: u.userId });
    expect((await notificationsOf(u, t.id)).map((n) => [n.kind, n.actorUserId])).toEqual([["alarm", null]]);
    expect(await mailsTo(await emailOf(u))).toHaveLength(0);
    await updateMailPreferences(deps.db, u, { alarm: true });
    await notifyAlarmDue(deps, { ticketId: t.id, userId: u.userId });
    const [mail] = await mailsTo(await emailOf(u));
    expect(mail.subject).toContain("Your reminder is due");
  });
});

describe("reading and marking", () => {
  it("lists newest first with a cursor; marking one or all read lowers the count and tells the user's other tabs", async () => {
    const a = await makeUser(deps);
    const b = await makeUser(deps);
    const t = await ticketBy(a);
    await setWatching(deps.db, b, { ticketId: t.id, watching: true });
    for (let i = 0; i < 3; i++) await addInternalComment(deps, a, { ticketId: t.id, body: `note ${i}` });
    expect(await unreadCount(deps.db, b)).toBe(3);

    const first = await listNotifications(deps.db, b, { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.items[0].id).toBeGreaterThan(first.items[1].id);
    expect(first.nextCursor).toBe(first.items[1].id);
    const second = await listNotifications(deps.db, b, { limit: 2, cursor: first.nextCursor });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();

    expect(await markNotificationRead(deps, b, first.items[0].id)).toEqual({ unreadCount: 2 });
    expect(deps.events).toContainEqual({ type: "notification.read", userId: b.userId, unreadCount: 2 });
    expect((await listNotifications(deps.db, b, { limit: 10, unreadOnly: true })).items).toHaveLength(2);
    // Someone else's notification is "not found", and stays unread.
    await expect(markNotificationRead(deps, a, second.items[0].id)).rejects.toThrow(/not found/);
    expect(await unreadCount(deps.db, b)).toBe(2);

    expect(await markAllNotificationsRead(deps, b)).toEqual({ unreadCount: 0 });
    const rows = await deps.db.select().from(notifications).where(inArray(notifications.id, [...first.items, ...second.items].map((i) => i.id)));
    expect(rows.every((r) => r.readAt !== null)).toBe(true);
  });
});
