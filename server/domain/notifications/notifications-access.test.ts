import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { notifications, queueAccess } from "../../../db/schema";
import { ensureSupportQueue, grantQueues, makeUser, testDeps } from "../../../db/testing/test-deps";
import { addInternalComment } from "../conversation/entries";
import { ingestRawMail } from "../mail/ingest";
import { listNotifications, markNotificationRead, notifyAlarmDue, unreadCount } from "./notifications";
import { createTicket } from "../tickets/tickets";
import { isWatching, setWatching } from "../tickets/watchers";

const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

const uniq = () => `${Date.now()}.${Math.random().toString(36).slice(2)}`;

describe("notifications respect read access to the ticket", () => {
  it("nobody is notified about a ticket they may not read, and what they got before is hidden", async () => {
    const creator = await makeUser(deps);
    const watcher = await makeUser(deps);
    const t = await createTicket(deps, creator, { title: "Secret", queueId, customerEmail: `s${uniq()}@customer.test`, body: "x" });
    await setWatching(deps.db, watcher, { ticketId: t.id, watching: true });
    await addInternalComment(deps, creator, { ticketId: t.id, body: "first" });
    const [before] = await listNotifications(deps.db, watcher, { limit: 5 }).then((r) => r.items.filter((n) => n.ticketId === t.id));
    expect(before).toBeDefined();
    expect(await unreadCount(deps.db, watcher)).toBe(1);

    // The watcher's right on the queue is revoked: the next checks use the user as they are now.
    await deps.db.delete(queueAccess).where(and(eq(queueAccess.userId, watcher.userId), eq(queueAccess.queueId, queueId)));
    const revoked = await grantQueues(deps, watcher.userId, {});
    {
      // A new customer mail and a mention: nothing for the shut-out watcher.
      await ingestRawMail(deps, {
        source: "file",
        raw: Buffer.from(
          `From: s@customer.test\r\nSubject: Re: [Ticket#${t.number}] Secret\r\nMessage-ID: <${uniq()}@customer.test>\r\n\r\nmore`,
        ),
      });
      await addInternalComment(deps, creator, { ticketId: t.id, body: `@${watcher.name} see this` });
      await notifyAlarmDue(deps, { ticketId: t.id, userId: watcher.userId });
      const rows = await deps.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, watcher.userId), eq(notifications.ticketId, t.id)));
      expect(rows).toHaveLength(1);
      expect(deps.events.filter((e) => e.type === "notification.created" && e.userId === watcher.userId)).toHaveLength(1);

      // The older one is no longer listed, counted or markable; watching is refused.
      expect((await listNotifications(deps.db, revoked, { limit: 50 })).items.some((n) => n.ticketId === t.id)).toBe(false);
      expect(await unreadCount(deps.db, revoked)).toBe(0);
      await expect(markNotificationRead(deps, revoked, before.id)).rejects.toThrow(/not found/);
      await expect(isWatching(deps.db, revoked, t.id)).rejects.toThrow(/not found/);
      await expect(setWatching(deps.db, revoked, { ticketId: t.id, watching: true })).rejects.toThrow(/not found/);
    }
    // Access back: the old notification shows again.
    expect(await unreadCount(deps.db, await grantQueues(deps, watcher.userId, { [queueId]: "manage" }))).toBe(1);
  });
});
