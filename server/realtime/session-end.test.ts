import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eq } from "drizzle-orm";
import NextAuth, { type AuthOptions } from "next-auth";
import { users } from "../../db/schema";
import { makeUser, testDeps } from "../../db/testing/test-deps";
import { hashPassword } from "../../lib/password";
import { callOverHttp } from "../api/testing/call-over-http";
import { authOptionsFor } from "../auth/options";
import { actorFromCookies } from "../auth/session";
import type { UserActor } from "../domain/actor";
import { setPasswordWithToken } from "../domain/people/password-reset";
import { issueUserToken } from "../domain/people/user-tokens";
import { updateUserAccess } from "../domain/people/users";
import { startGatewayHarness, type RecordingSocket } from "./testing/gateway-harness";

/**
 * Sessions that should be dead are dead (A1): a password set from a mailed link, a disabled
 * account and "sign out everywhere" end every session signed in before, to the millisecond,
 * for HTTP and for live sockets alike. Each end is published from a second, headless server
 * on the Postgres adapter, so the sockets are dropped across processes.
 */
const base = testDeps();
let harness: Awaited<ReturnType<typeof startGatewayHarness>>;

beforeAll(async () => {
  harness = await startGatewayHarness(base, inject("databaseUrl"));
});
afterAll(async () => {
  await harness?.close();
  await base.handle.close();
});

const actorOf = (cookie: string) => actorFromCookies(base.db, cookie, harness.auth);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** When the socket is dropped by the server. */
const droppedAt = (s: RecordingSocket) => new Promise<number>((r) => s.once("disconnect", () => r(Date.now())));

async function resetPassword(user: UserActor) {
  const { token } = await issueUserToken(base.db, user.userId, "reset");
  await setPasswordWithToken(harness.deps, { token, password: "a brand new password" });
}

async function validFrom(user: UserActor): Promise<number> {
  const [u] = await base.db.select({ at: users.sessionsValidFrom }).from(users).where(eq(users.id, user.userId));
  return u.at!.getTime();
}

describe("ending sessions ends them everywhere", () => {
  it("a socket opened before a password reset is dropped within a second and cannot come back", async () => {
    const user = await makeUser(base, "agent");
    const cookie = await harness.cookieOf(user);
    const sock = await harness.socketWith(cookie);
    const gone = droppedAt(sock);
    const started = Date.now();
    await resetPassword(user);
    expect((await gone) - started).toBeLessThan(1000);
    expect(await actorOf(cookie)).toBeNull();
    await expect(harness.socketWith(cookie)).rejects.toThrow(/unauthorized/);
    expect(await actorOf(await harness.cookieOf(user))).toMatchObject({ userId: user.userId }); // signed in again
  });

  it("a session signed in during the same second as a reset, just before it, ends with it", async () => {
    const user = await makeUser(base, "agent");
    if (Date.now() % 1000 > 700) await sleep(1000 - (Date.now() % 1000) + 5); // room in this second
    const before = await harness.cookieOf(user, Date.now());
    const signedIn = Date.now();
    await sleep(3);
    await resetPassword(user);
    expect(Math.floor((await validFrom(user)) / 1000)).toBe(Math.floor(signedIn / 1000));
    expect(await actorOf(before)).toBeNull();
    await sleep(2);
    expect(await actorOf(await harness.cookieOf(user, Date.now()))).toMatchObject({ userId: user.userId });
  });

  it("disabling drops the sockets; enabling the account again does not revive sessions or links from before", async () => {
    const admin = await makeUser(base, "admin");
    const user = await makeUser(base, "agent");
    const cookie = await harness.cookieOf(user);
    const sock = await harness.socketWith(cookie);
    const { token: link } = await issueUserToken(base.db, user.userId, "reset");
    const gone = droppedAt(sock);
    const access = { role: "agent" as const, canOwnTickets: true, rights: [], queues: {} };
    await updateUserAccess(harness.deps, admin, user.userId, { ...access, active: false });
    await gone;
    await updateUserAccess(harness.deps, admin, user.userId, { ...access, active: true });
    expect(await actorOf(cookie)).toBeNull();
    // Nor does a reset link mailed before the disable.
    await expect(setPasswordWithToken(harness.deps, { token: link, password: "a brand new password" })).rejects.toThrow(/invalid or has expired/);
    await expect(harness.socketWith(cookie)).rejects.toThrow(/unauthorized/);
    expect(await actorOf(await harness.cookieOf(user))).toMatchObject({ userId: user.userId });
  });

  it("'sign out everywhere' over HTTP ends every session of the user, sockets included, and no one else's", async () => {
    const user = await makeUser(base, "agent");
    const other = await makeUser(base, "agent");
    const [laptop, phone] = [await harness.cookieOf(user), await harness.cookieOf(user)];
    const socks = [await harness.socketWith(laptop), await harness.socketWith(phone)];
    const bystander = await harness.socketOf(other);
    const gone = socks.map(droppedAt);
    const started = Date.now();
    const r = await callOverHttp(harness.deps, "me.signOutEverywhere", {}, await actorOf(laptop));
    expect(r.status).toBe(200);
    for (const at of await Promise.all(gone)) expect(at - started).toBeLessThan(1000);
    expect(await actorOf(laptop)).toBeNull();
    expect(await actorOf(phone)).toBeNull();
    expect((await callOverHttp(harness.deps, "me.signOutEverywhere", {}, await actorOf(phone))).error?.data.code).toBe("UNAUTHORIZED");
    await sleep(200);
    expect(bystander.connected).toBe(true);
  });

  it("next-auth stamps the sign-in, and a session fetch does not renew a session ended by a reset", async () => {
    const user = await makeUser(base, "agent");
    const [{ email }] = await base.db
      .update(users)
      .set({ passwordHash: await hashPassword("the right password") })
      .where(eq(users.id, user.userId))
      .returning({ email: users.email });
    const auth = browserOf(authOptionsFor(harness.auth.secret, () => base.db));
    const { csrfToken } = (await auth.call(["csrf"])) as { csrfToken: string };
    await auth.call(["callback", "credentials"], { csrfToken, email, password: "the right password", json: "true" });
    const signedIn = auth.sessionCookie();
    expect(await actorOf(signedIn)).toMatchObject({ userId: user.userId });
    expect(await auth.call(["session"])).toMatchObject({ user: { id: String(user.userId) } });
    const renewed = auth.sessionCookie();
    expect(renewed).not.toBe(signedIn);

    await resetPassword(user);
    // The browser fetches its session again: none, its cookie is cleared, and no cookie it had works.
    expect(await auth.call(["session"])).not.toHaveProperty("user");
    expect(auth.jar["next-auth.session-token"]).toBeUndefined();
    expect(await actorOf(signedIn)).toBeNull();
    expect(await actorOf(renewed)).toBeNull();
  });
});

/** A browser's cookie jar in front of next-auth's own request handler (the one the /api/auth route runs). */
function browserOf(options: AuthOptions) {
  const jar: Record<string, string> = {};
  async function call(nextauth: string[], body?: Record<string, string>): Promise<unknown> {
    const headers: Record<string, string[]> = {};
    let sent: unknown;
    const res = {
      status: () => res,
      setHeader: (k: string, v: string | string[]) => ((headers[k.toLowerCase()] = [v].flat()), res),
      getHeader: (k: string) => headers[k.toLowerCase()],
      json: (b: unknown) => void (sent = b),
      send: (b: unknown) => void (sent = b),
      end: () => {},
    };
    const req = { query: { nextauth }, body, cookies: { ...jar }, headers: { host: "localhost" }, method: body ? "POST" : "GET" };
    await (NextAuth as unknown as (req: unknown, res: unknown, o: AuthOptions) => Promise<void>)(req, res, options);
    for (const c of headers["set-cookie"] ?? []) {
      const [pair, ...attrs] = c.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const value = decodeURIComponent(pair.slice(pair.indexOf("=") + 1));
      if (!value || attrs.some((a) => /max-age=0\b|expires=thu, 01 jan 1970/i.test(a.trim()))) delete jar[name];
      else jar[name] = value;
    }
    return sent;
  }
  return { jar, call, sessionCookie: () => `next-auth.session-token=${jar["next-auth.session-token"]}` };
}
