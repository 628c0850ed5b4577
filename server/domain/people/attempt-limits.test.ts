import { afterAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { attemptCounters, auditLog, outbox, users } from "../../../db/schema";
import { makeUser, testDeps } from "../../../db/testing/test-deps";
import { hashPassword } from "../../../lib/password";
import { authenticateUser } from "../../auth/authenticate";
import { AppError } from "../errors";
import { attemptKeys, attemptLimits, beginAttempt, blockAfterFailures, deleteStaleAttemptCounters, type AttemptPolicy } from "./attempt-limits";
import { INVALID_LINK_MESSAGE, mailPasswordReset, setPasswordWithToken } from "./password-reset";

const deps = testDeps();
afterAll(() => deps.handle.close());

const uniq = () => `${Date.now()}${Math.random().toString(36).slice(2, 8)}`;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

async function userWithPassword(password = "right password 1") {
  const actor = await makeUser(deps, "agent");
  await deps.db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, actor.userId));
  const [{ email }] = await deps.db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
  return { id: actor.userId, email, password };
}

const counter = async (key: string) => (await deps.db.select().from(attemptCounters).where(eq(attemptCounters.key, key)))[0];
const lockAudits = (key: string) => deps.db.select().from(auditLog).where(and(eq(auditLog.entity, "attemptLimit"), eq(auditLog.entityId, key)));

describe("attempt limits (issue 11.6)", () => {
  it("delays grow after the free failures, up to a cap, and end in a lock", () => {
    const p: AttemptPolicy = { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 5000, lockAfter: 8, lockMs: 900_000, windowMs: 900_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => blockAfterFailures(n, p))).toEqual([0, 0, 0, 1000, 2000, 4000, 5000, 900_000, 900_000]);
  });

  it("fifty wrong passwords in five seconds lock the account: the right one is refused right after, and works once the lock is over", async () => {
    const u = await userWithPassword();
    const ip = `198.51.100.${uniq()}`;
    const key = `signIn:account:${u.email}`;
    const results = await Promise.all(Array.from({ length: 50 }, () => authenticateUser(deps.db, u.email, "wrong password", { ip })));
    expect(results.every((r) => r === null)).toBe(true);
    // Each counted, one after the other: past the free ones the delay holds them off, and the tenth locks.
    const row = await counter(key);
    expect(row.failures).toBe(50);
    expect(row.blockedUntil!.getTime() - Date.now()).toBeGreaterThan(attemptLimits.signIn.account.lockMs - 60_000);
    expect(await lockAudits(key)).toHaveLength(1);
    // Only the attempts that were tried count against the IP: hammering one account does not lock its address.
    expect((await counter(`signIn:ip:${ip}`)).failures).toBe(attemptLimits.signIn.account.freeFailures + 1);
    expect(await authenticateUser(deps.db, u.email, u.password, { ip: "192.0.2.9" })).toBeNull();
    // Once the lock is over, the right password works and the account's failures are forgotten.
    const later = at(row.blockedUntil!, 1);
    expect((await authenticateUser(deps.db, u.email, u.password, { ip: "192.0.2.9", now: later }))?.id).toBe(u.id);
    expect(await counter(key)).toBeUndefined();
  });

  it("delays: within the free failures no wait; then the next try waits, and trying meanwhile is refused", async () => {
    const u = await userWithPassword();
    const p = attemptLimits.signIn.account;
    let now = new Date();
    for (let i = 0; i < p.freeFailures; i++) expect(await authenticateUser(deps.db, u.email, "wrong", { now })).toBeNull();
    expect((await counter(`signIn:account:${u.email}`)).blockedUntil).toBeNull();
    expect(await authenticateUser(deps.db, u.email, "wrong", { now })).toBeNull(); // sets the first delay
    expect(await authenticateUser(deps.db, u.email, u.password, { now: at(now, p.baseDelayMs - 1) })).toBeNull();
    now = at(now, p.baseDelayMs);
    expect((await authenticateUser(deps.db, u.email, u.password, { now }))?.id).toBe(u.id);
  });

  it("locks the account after `lockAfter` failures, with one audit entry, until the lock is over", async () => {
    const u = await userWithPassword();
    const limits = { account: { ...attemptLimits.signIn.account, freeFailures: 2, lockAfter: 5 }, ip: attemptLimits.signIn.ip };
    const key = `signIn:account:${u.email}`;
    let now = new Date();
    for (let i = 0; i < 5; i++) {
      expect(await authenticateUser(deps.db, u.email, "wrong", { now, limits })).toBeNull();
      now = at(now, 60_000); // each delay (at most 30 s) is over before the next try
    }
    const row = await counter(key);
    expect(row.failures).toBe(5);
    expect(row.blockedUntil!.getTime() - row.lastFailureAt!.getTime()).toBe(limits.account.lockMs);
    const audits = await lockAudits(key);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: null, entityLabel: key, action: "update" });
    expect(audits[0].changes.failures).toEqual({ from: 4, to: 5 });

    // Locked: the right password gets the same answer as a wrong one, and trying does not extend the lock.
    expect(await authenticateUser(deps.db, u.email, u.password, { now, limits })).toBeNull();
    expect((await counter(key)).blockedUntil).toEqual(row.blockedUntil);
    const afterLock = at(row.blockedUntil!, 1);
    expect((await authenticateUser(deps.db, u.email, u.password, { now: afterLock, limits }))?.id).toBe(u.id);
    expect(await lockAudits(key)).toHaveLength(1);
  });

  it("forgets failures after the window without one", async () => {
    const email = `nobody-${uniq()}@example.test`;
    const keys = attemptKeys("signIn", { account: email });
    const p = attemptLimits.signIn.account;
    let now = new Date();
    for (let i = 0; i < p.freeFailures + 1; i++) expect(await beginAttempt(deps.db, keys, now)).toBe(true);
    expect(await beginAttempt(deps.db, keys, now)).toBe(false); // within the delay
    now = at(now, p.windowMs + 1);
    expect(await beginAttempt(deps.db, keys, now)).toBe(true);
    expect((await counter(keys[0].key)).failures).toBe(1);
  });

  it("the hourly cleanup forgets counters past every window, and keeps those that still block", async () => {
    const old = attemptKeys("signIn", { account: `old-${uniq()}@example.test` });
    const locked = attemptKeys("signIn", { account: `locked-${uniq()}@example.test` });
    const longAgo = at(new Date(), -2 * 60 * 60_000);
    await beginAttempt(deps.db, old, longAgo);
    await beginAttempt(deps.db, locked, longAgo);
    await deps.db.update(attemptCounters).set({ blockedUntil: at(new Date(), 60_000) }).where(eq(attemptCounters.key, locked[0].key));
    await deleteStaleAttemptCounters(deps.db);
    expect(await counter(old[0].key)).toBeUndefined();
    expect(await counter(locked[0].key)).toBeDefined();
  });

  it("per IP: guessing across many accounts from one address stops too", async () => {
    const ip = `203.0.113.${uniq()}`;
    const limits = { account: attemptLimits.signIn.account, ip: { ...attemptLimits.signIn.ip, freeFailures: 4 } };
    const now = new Date();
    for (let i = 0; i < 5; i++) await authenticateUser(deps.db, `nobody-${uniq()}@example.test`, "guess", { ip, now, limits });
    const u = await userWithPassword();
    expect(await authenticateUser(deps.db, u.email, u.password, { ip, now, limits })).toBeNull();
    expect((await authenticateUser(deps.db, u.email, u.password, { ip: "192.0.2.1", now, limits }))?.id).toBe(u.id);
  });

  it("password links: past the IP's limit every link is invalid, even a good one; a good one within it works", async () => {
    const u = await userWithPassword();
    await mailPasswordReset(deps, { email: u.email });
    const mail = (await deps.db.select().from(outbox).where(eq(outbox.kind, "account"))).find((m) => m.toEmails.includes(u.email))!;
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.bodyText)![1];
    const ip = `192.0.2.${uniq()}`;
    const { freeFailures } = attemptLimits.setPassword.ip;
    for (let i = 0; i < freeFailures + 1; i++) {
      const err = await setPasswordWithToken(deps, { token: "x".repeat(43), password: "guessing password" }, { ip }).catch((e: unknown) => e);
      expect((err as AppError).message).toBe(INVALID_LINK_MESSAGE);
    }
    const refused = await setPasswordWithToken(deps, { token, password: "a brand new password" }, { ip }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toBe(INVALID_LINK_MESSAGE);
    // The link was not used up by the refusal: from another address it still works.
    expect(await setPasswordWithToken(deps, { token, password: "a brand new password" }, { ip: "192.0.2.250" })).toEqual({ email: u.email });
  });
});
