import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf } from "../testing/code-of";
import { ensureSupportQueue, makeUser, testContext, testDeps } from "../../../db/testing/test-deps";
import { createCaller } from "../root";

const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

describe("notification router", () => {
  it("needs a session for everything", async () => {
    const anon = createCaller(testContext(deps, null));
    expect(await codeOf(anon.notification.list({}))).toBe("UNAUTHORIZED");
    expect(await codeOf(anon.notification.unreadCount())).toBe("UNAUTHORIZED");
    expect(await codeOf(anon.notification.markRead({ notificationId: 1 }))).toBe("UNAUTHORIZED");
    expect(await codeOf(anon.notification.markAllRead())).toBe("UNAUTHORIZED");
    expect(await codeOf(anon.notification.watch({ ticketId: 1 }))).toBe("UNAUTHORIZED");
    expect(await codeOf(anon.notification.isWatching({ ticketId: 1 }))).toBe("UNAUTHORIZED");
    expect(await codeOf(anon.notification.mailPreferences())).toBe("UNAUTHORIZED");
  });

  it("each user sees and marks only their own notifications", async () => {
    const aActor = await makeUser(deps);
    const bActor = await makeUser(deps);
    const a = createCaller(testContext(deps, aActor));
    const b = createCaller(testContext(deps, bActor));
    const { id: ticketId } = await a.ticket.create({ title: "Router", queueId, customerEmail: "r@customer.test", body: "x" });
    expect(await a.notification.isWatching({ ticketId })).toBe(true); // the creator
    expect(await b.notification.isWatching({ ticketId })).toBe(false);
    expect(await b.notification.watch({ ticketId })).toBe(true);
    expect(await b.notification.isWatching({ ticketId })).toBe(true);

    await a.entry.comment({ ticketId, body: "for b" });
    await b.entry.comment({ ticketId, body: "for a" });
    const mineA = await a.notification.list({});
    const mineB = await b.notification.list({});
    expect(mineA.items.map((n) => n.ticketId)).toEqual([ticketId]);
    expect(mineB.items.map((n) => n.ticketId)).toEqual([ticketId]);
    expect(mineA.items[0].id).not.toBe(mineB.items[0].id);

    // B cannot mark A's notification; A's count is untouched.
    expect(await codeOf(b.notification.markRead({ notificationId: mineA.items[0].id }))).toBe("NOT_FOUND");
    expect(await a.notification.unreadCount()).toBe(1);
    expect(await b.notification.markAllRead()).toEqual({ unreadCount: 0 });
    expect(await a.notification.unreadCount()).toBe(1);
    expect(await a.notification.markRead({ notificationId: mineA.items[0].id })).toEqual({ unreadCount: 0 });

    expect(await b.notification.unwatch({ ticketId })).toBe(false);
    expect(await b.notification.isWatching({ ticketId })).toBe(false);
  });

  it("checks the ticket and validates input", async () => {
    const u = createCaller(testContext(deps, await makeUser(deps)));
    expect(await codeOf(u.notification.watch({ ticketId: 999_999_999 }))).toBe("NOT_FOUND");
    expect(await codeOf(u.notification.watch({ ticketId: -1 }))).toBe("BAD_REQUEST");
    expect(await codeOf(u.notification.list({ limit: 1000 }))).toBe("BAD_REQUEST");
    expect(await codeOf(u.notification.updateMailPreferences({ nonsense: true } as never))).toBe("BAD_REQUEST");
    expect(await u.notification.updateMailPreferences({ entry: true })).toMatchObject({ entry: true, mention: true });
  });
});
