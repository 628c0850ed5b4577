import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { notifications, outbox, reminders } from "../../../db/schema";
import { ensureQueue } from "../../../db/seed";
import { makeUser, testDeps } from "../../../db/testing/test-deps";
import type { UserActor } from "../actor";
import { listNotifications } from "./notifications";
import { cancelReminder, createReminder, fireDueReminders, fireReminder, listReminders, reminderRecipients } from "./reminders";
import { createTicket } from "../tickets/tickets";

const deps = testDeps();
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
let queueId: number;
let otherQueue: number;
let anna: UserActor;
let ben: UserActor;
let outsider: UserActor;

beforeAll(async () => {
  queueId = await ensureQueue(deps.db, `Reminders ${stamp}`, 93);
  otherQueue = await ensureQueue(deps.db, `Elsewhere ${stamp}`, 94);
  anna = await makeUser(deps, "agent", { queues: { [queueId]: "manage" } });
  ben = await makeUser(deps, "agent", { queues: { [queueId]: "manage" } });
  outsider = await makeUser(deps, "agent", { queues: { [otherQueue]: "manage" } });
});
afterAll(() => deps.handle.close());

const ticket = () => createTicket(deps, anna, { title: `Remind ${stamp}`, queueId, customerEmail: "c@customer.test", body: "x" });
const alarmsOf = (userId: number, ticketId: number) =>
  deps.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.ticketId, ticketId), eq(notifications.kind, "alarm")));
const mailsTo = async (email: string, ticketId: number) =>
  (await deps.db.select().from(outbox).where(and(eq(outbox.ticketId, ticketId), eq(outbox.kind, "notification")))).filter((o) => o.toEmails.includes(email));

describe("reminders (C11)", () => {
  it("is scheduled as a job at its time and listed on the ticket until it fires", async () => {
    const t = await ticket();
    const dueAt = new Date(Date.now() + 3600_000);
    const { id } = await createReminder(deps, anna, { ticketId: t.id, userId: ben.userId, dueAt, note: "Call back", byMail: false });
    expect(deps.jobsSent.at(-1)).toEqual({ name: "reminder.fire", payload: { reminderId: id } });
    expect(await listReminders(deps.db, ben, t.id)).toMatchObject([{ id, note: "Call back", userName: ben.name, createdByName: anna.name, mayCancel: true }]);
    // Not due yet: the job does nothing (the sweep will get it if ever needed).
    expect(await fireReminder(deps, id)).toBe(false);
    expect((await reminderRecipients(deps.db, anna, t.id)).map((u) => u.id)).toEqual(expect.arrayContaining([anna.userId, ben.userId]));
    expect((await reminderRecipients(deps.db, anna, t.id)).map((u) => u.id)).not.toContain(outsider.userId);
  });

  it("fires exactly once when fired twice at the same moment, then by the sweep and a retried job", async () => {
    const t = await ticket();
    const { id } = await createReminder(deps, anna, { ticketId: t.id, userId: ben.userId, dueAt: new Date(Date.now() - 1000), note: "Check the invoice", byMail: true });
    const fired = await Promise.all([fireReminder(deps, id), fireReminder(deps, id)]);
    expect(fired.filter(Boolean)).toHaveLength(1);
    expect(await fireDueReminders(deps)).toBeGreaterThanOrEqual(0);
    expect(await fireReminder(deps, id)).toBe(false);

    expect(await alarmsOf(ben.userId, t.id)).toHaveLength(1);
    const mails = await mailsTo((await deps.db.query.users.findFirst({ where: (u, { eq: is }) => is(u.id, ben.userId) }))!.email, t.id);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain(`Reminder from ${anna.name}: Check the invoice`);
    expect(deps.jobsSent).toContainEqual({ name: "outbox.deliver", payload: { outboxId: mails[0].id } });
    expect(deps.events).toContainEqual(expect.objectContaining({ type: "notification.created", userId: ben.userId, ticketId: t.id }));
    // The bell names the note; the ticket no longer lists it as pending.
    const [n] = (await listNotifications(deps.db, ben, { limit: 50 })).items.filter((i) => i.ticketId === t.id);
    expect(n).toMatchObject({ kind: "alarm", reminderNote: "Check the invoice", actorName: anna.name });
    expect(await listReminders(deps.db, anna, t.id)).toEqual([]);
  });

  it("the sweep fires an overdue reminder whose job was lost, once, and mails only when asked", async () => {
    const t = await ticket();
    const { id } = await createReminder(deps, anna, { ticketId: t.id, userId: anna.userId, dueAt: new Date(Date.now() + 3600_000), note: "Own note", byMail: false });
    // Its time passes while no job exists for it (e.g. the queue was lost in a restart).
    await deps.db.update(reminders).set({ dueAt: new Date(Date.now() - 120_000) }).where(eq(reminders.id, id));
    await Promise.all([fireDueReminders(deps), fireDueReminders(deps)]);
    expect(await alarmsOf(anna.userId, t.id)).toHaveLength(1);
    expect((await deps.db.select().from(outbox).where(and(eq(outbox.ticketId, t.id), eq(outbox.kind, "notification"))))).toEqual([]);
    const [row] = await deps.db.select().from(reminders).where(eq(reminders.id, id));
    expect(row.firedAt).not.toBeNull();
    // A self-set reminder names no actor.
    const [n] = (await listNotifications(deps.db, anna, { limit: 50 })).items.filter((i) => i.ticketId === t.id && i.kind === "alarm");
    expect(n).toMatchObject({ reminderNote: "Own note", actorName: null });
  });

  it("only colleagues who may read the ticket are reminded; creator and recipient may cancel", async () => {
    const t = await ticket();
    const dueAt = new Date(Date.now() + 3600_000);
    await expect(createReminder(deps, anna, { ticketId: t.id, userId: outsider.userId, dueAt, note: "", byMail: false })).rejects.toThrow(/may not read/);
    await expect(createReminder(deps, outsider, { ticketId: t.id, userId: outsider.userId, dueAt, note: "", byMail: false })).rejects.toThrow(/not found/);
    await expect(createReminder(deps, anna, { ticketId: t.id, userId: anna.userId, dueAt: new Date(Date.now() - 3600_000), note: "", byMail: false })).rejects.toThrow(/future/);
    const a = await createReminder(deps, anna, { ticketId: t.id, userId: ben.userId, dueAt, note: "a", byMail: false });
    const b = await createReminder(deps, anna, { ticketId: t.id, userId: anna.userId, dueAt, note: "b", byMail: false });
    // Ben sees Anna's own reminder but may not cancel it.
    expect((await listReminders(deps.db, ben, t.id)).find((r) => r.id === b.id)?.mayCancel).toBe(false);
    await expect(cancelReminder(deps, ben, b.id)).rejects.toThrow(/creator or recipient/);
    await expect(cancelReminder(deps, outsider, a.id)).rejects.toThrow(/not found/);
    await cancelReminder(deps, ben, a.id); // the recipient
    await cancelReminder(deps, anna, b.id); // the creator
    expect(await listReminders(deps.db, anna, t.id)).toEqual([]);
    // A cancelled reminder's job finds nothing to fire.
    expect(await fireReminder(deps, a.id)).toBe(false);
  });
});
