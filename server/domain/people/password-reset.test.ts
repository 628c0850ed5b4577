import { afterAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { attemptCounters, outbox, users, userTokens } from "../../../db/schema";
import { makeUser, testContext, testDeps, type TestDeps } from "../../../db/testing/test-deps";
import { hashPassword } from "../../../lib/password";
import { createCaller } from "../../api/root";
import { callOverHttp } from "../../api/testing/call-over-http";
import { encode } from "next-auth/jwt";
import { authenticateUser } from "../../auth/authenticate";
import { actorFromCookies } from "../../auth/session";
import { AppError } from "../errors";
import { inviteUser } from "./invitations";
import { INVALID_LINK_MESSAGE, mailPasswordReset, RESET_MAILS_PER_HOUR, requestPasswordReset, setPasswordWithToken } from "./password-reset";
import { hashToken } from "./user-tokens";

const recording = testDeps();
/** The worker's part inline: a reset request's job runs as soon as it is enqueued. */
const deps: TestDeps = {
  ...recording,
  jobs: {
    async enqueue(name, payload, opts) {
      await recording.jobs.enqueue(name, payload, opts);
      if (name === "password-reset.request") await mailPasswordReset(deps, payload as { email: string });
    },
  },
};
afterAll(() => deps.handle.close());

const uniq = () => `${Date.now()}${Math.random().toString(36).slice(2, 8)}`;

/** An active agent with a known password. */
async function userWithPassword(password = "old password 123") {
  const actor = await makeUser(deps, "agent");
  await deps.db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, actor.userId));
  const [{ email }] = await deps.db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
  return { id: actor.userId, email, password };
}

async function resetMailsTo(address: string) {
  const rows = await deps.db.select().from(outbox).where(eq(outbox.kind, "account")).orderBy(outbox.id);
  return rows.filter((r) => r.toEmails.includes(address));
}

function tokenIn(bodyText: string): string {
  const m = /\/set-password\?token=([A-Za-z0-9_-]+)/.exec(bodyText);
  if (!m) throw new Error(`no link in ${bodyText}`);
  return m[1];
}

/** Asks for a reset and returns the token of the newest mail to the address. */
async function resetToken(email: string): Promise<string> {
  await requestPasswordReset(deps, { email });
  return tokenIn((await resetMailsTo(email)).at(-1)!.bodyText);
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const ask = (email: string) => callOverHttp(deps, "auth.requestPasswordReset", { email }, null);

describe("asking for a password reset (A1)", () => {
  it("does the same work in the request for a known, an unknown and a disabled address: one job that decides later (issue 11.8)", async () => {
    const plain = testDeps(); // the worker does not run here
    try {
      const known = await userWithPassword();
      const disabled = await userWithPassword();
      await plain.db.update(users).set({ active: false }).where(eq(users.id, disabled.id));
      const rows = async () => {
        const [t] = await plain.db.select({ n: sql<number>`count(*)::int` }).from(userTokens);
        const [o] = await plain.db.select({ n: sql<number>`count(*)::int` }).from(outbox);
        const [a] = await plain.db.select({ n: sql<number>`count(*)::int` }).from(attemptCounters);
        return { tokens: t.n, outbox: o.n, counters: a.n };
      };
      const work = [];
      for (const email of [known.email, `nobody-${uniq()}@example.test`, disabled.email]) {
        const before = await rows();
        const jobsBefore = plain.jobsSent.length;
        await requestPasswordReset(plain, { email });
        const after = await rows();
        // Other test files may write meanwhile; this request's own rows are what is compared.
        work.push({ jobs: plain.jobsSent.slice(jobsBefore), counters: after.counters - before.counters });
        expect(await plain.db.select().from(userTokens).where(eq(userTokens.userId, known.id))).toEqual([]);
        expect(await resetMailsTo(email)).toEqual([]);
      }
      expect(work).toEqual([
        { jobs: [{ name: "password-reset.request", payload: { email: known.email } }], counters: 1 },
        { jobs: [{ name: "password-reset.request", payload: { email: expect.stringMatching(/^nobody-/) } }], counters: 1 },
        { jobs: [{ name: "password-reset.request", payload: { email: disabled.email } }], counters: 1 },
      ]);
      // The job then mails the known, enabled address only.
      for (const j of plain.jobsSent) if (j.name === "password-reset.request") await mailPasswordReset(plain, j.payload as { email: string });
      expect(await resetMailsTo(known.email)).toHaveLength(1);
      expect(await resetMailsTo(disabled.email)).toEqual([]);
      expect(await plain.db.select().from(userTokens).where(eq(userTokens.userId, disabled.id))).toEqual([]);
    } finally {
      await plain.handle.close();
    }
  });

  it("answers identically for an existing, an unknown and a disabled address; only the existing one gets a mail", async () => {
    const known = await userWithPassword();
    const disabled = await userWithPassword();
    await deps.db.update(users).set({ active: false }).where(eq(users.id, disabled.id));
    const unknown = `nobody-${uniq()}@example.test`;

    const answers = [await ask(known.email), await ask(unknown), await ask(disabled.email), await ask(known.email.toUpperCase())];
    for (const a of answers) expect(a).toEqual({ status: 200, result: { ok: true }, error: undefined });

    const mails = await resetMailsTo(known.email);
    expect(mails).toHaveLength(2);
    expect(mails[0]).toMatchObject({ kind: "account", ticketId: null, subject: "Reset your help-desk password", toEmails: [known.email] });
    expect(mails[0].bodyText).toContain("http://localhost:3000/set-password?token=");
    expect(await resetMailsTo(unknown)).toEqual([]);
    expect(await resetMailsTo(disabled.email)).toEqual([]);
    expect(await deps.db.select().from(userTokens).where(eq(userTokens.userId, disabled.id))).toEqual([]);

    // A signed-in caller gets the same answer too, and a malformed address a field error (not about any account).
    expect(await callOverHttp(deps, "auth.requestPasswordReset", { email: unknown }, await makeUser(deps, "admin"))).toEqual(answers[0]);
    const bad = await ask("no address");
    expect(bad.error?.data.fieldErrors).toEqual({ email: ["Enter a valid e-mail address"] });
  });

  it(`sends at most ${RESET_MAILS_PER_HOUR} reset mails per address and hour, silently`, async () => {
    const u = await userWithPassword();
    const jobsBefore = deps.jobsSent.length;
    const answers = [];
    for (let i = 0; i < RESET_MAILS_PER_HOUR + 3; i++) answers.push(await ask(u.email));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    const mails = await resetMailsTo(u.email);
    expect(mails).toHaveLength(RESET_MAILS_PER_HOUR);
    const deliveries = deps.jobsSent.slice(jobsBefore).filter((j) => j.name === "outbox.deliver");
    expect(deliveries.map((j) => j.payload)).toEqual(mails.map((m) => ({ outboxId: m.id })));

    // Parallel requests are counted one after the other, too.
    const v = await userWithPassword();
    await Promise.all(Array.from({ length: 8 }, () => requestPasswordReset(deps, { email: v.email })));
    expect(await resetMailsTo(v.email)).toHaveLength(RESET_MAILS_PER_HOUR);

    // An hour later the address may ask again (its request limit is over by then, too).
    await deps.db.update(userTokens).set({ createdAt: sql`now() - interval '61 minutes'` }).where(eq(userTokens.userId, u.id));
    await deps.db
      .update(attemptCounters)
      .set({ lastFailureAt: sql`now() - interval '61 minutes'`, blockedUntil: null })
      .where(eq(attemptCounters.key, `resetRequest:account:${u.email.toLowerCase()}`));
    await ask(u.email);
    expect(await resetMailsTo(u.email)).toHaveLength(RESET_MAILS_PER_HOUR + 1);
  });

  it("a reset link is valid for an hour, and only the newest one works", async () => {
    const u = await userWithPassword();
    const first = await resetToken(u.email);
    const second = await resetToken(u.email);
    const rows = await deps.db.select().from(userTokens).where(eq(userTokens.userId, u.id)).orderBy(userTokens.id);
    expect(rows.map((r) => r.tokenHash)).toEqual([hashToken(first), hashToken(second)]);
    expect(rows[0].usedAt).not.toBeNull(); // voided by the newer mail
    expect((rows[1].expiresAt.getTime() - rows[1].createdAt.getTime()) / 60_000).toBeCloseTo(60, 3);

    expect((await refusal(setPasswordWithToken(deps, { token: first, password: "from the first mail" }))).message).toBe(INVALID_LINK_MESSAGE);
    await deps.db.update(userTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(userTokens.tokenHash, hashToken(second)));
    expect((await refusal(setPasswordWithToken(deps, { token: second, password: "from the second mail" }))).message).toBe(INVALID_LINK_MESSAGE);
    expect(await authenticateUser(deps.db, u.email, u.password)).not.toBeNull();
  });
});

describe("setting a password from a link (A1)", () => {
  it("replaces the password: the old one fails, the new one works, and the link works once", async () => {
    const u = await userWithPassword();
    const token = await resetToken(u.email);
    const check = () => createCaller(testContext(deps, null)).auth.checkLink({ token });
    expect(await check()).toEqual({ valid: true });
    expect(await check()).toEqual({ valid: true }); // checking takes nothing
    const r = await callOverHttp(deps, "auth.setPassword", { token, password: "brand new password" }, null);
    expect(r).toEqual({ status: 200, result: { email: u.email }, error: undefined });
    expect(await authenticateUser(deps.db, u.email, u.password)).toBeNull();
    expect(await authenticateUser(deps.db, u.email, "brand new password")).toMatchObject({ id: u.id });

    expect(await check()).toEqual({ valid: false });
    const twice = await callOverHttp(deps, "auth.setPassword", { token, password: "yet another password" }, null);
    expect(twice.error?.message).toBe(INVALID_LINK_MESSAGE);
    expect(twice.error?.data.fieldErrors).toEqual({ token: [INVALID_LINK_MESSAGE] });
    expect(await authenticateUser(deps.db, u.email, "yet another password")).toBeNull();
  });

  it("ends the sessions signed in before the new password; later ones work", async () => {
    const u = await userWithPassword();
    const secret = "session-test-secret";
    // As signing in does (server/auth/options.ts): the sign-in time in milliseconds.
    const cookie = async () => `next-auth.session-token=${await encode({ token: { sub: String(u.id), signedInAt: Date.now() }, secret })}`;
    const actor = async (c: string) => actorFromCookies(deps.db, c, { secret, secureCookie: false });
    const before = await cookie();
    expect(await actor(before)).toMatchObject({ userId: u.id });
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 10)); // the next second
    await setPasswordWithToken(deps, { token: await resetToken(u.email), password: "a fresh password" });
    expect(await actor(before)).toBeNull();
    expect(await actor(await cookie())).toMatchObject({ userId: u.id });
  });

  it("answers unknown, malformed and used links with the same message", async () => {
    const messages = new Set<string | undefined>();
    for (const token of ["A".repeat(43), "short", "", "../../etc/passwd", "A".repeat(200)]) {
      const r = await callOverHttp(deps, "auth.setPassword", { token, password: "long enough password" }, null);
      expect(r.error?.data.code, token).toBe("BAD_REQUEST");
      messages.add(r.error?.message);
    }
    expect([...messages]).toEqual([INVALID_LINK_MESSAGE]);
  });

  it("refuses a password under 10 characters as a field error and keeps the link usable", async () => {
    const u = await userWithPassword();
    const token = await resetToken(u.email);
    const short = await callOverHttp(deps, "auth.setPassword", { token, password: "123456789" }, null);
    expect(short.error?.data.code).toBe("BAD_REQUEST");
    expect(short.error?.data.fieldErrors).toEqual({ password: ["Use at least 10 characters"] });
    expect((await refusal(setPasswordWithToken(deps, { token, password: "🔑🔑🔑🔑🔑" }))).details?.fieldErrors).toEqual({
      password: ["Use at least 10 characters"],
    });
    expect(await authenticateUser(deps.db, u.email, u.password)).not.toBeNull();
    await setPasswordWithToken(deps, { token, password: "1234567890" });
    expect(await authenticateUser(deps.db, u.email, "1234567890")).not.toBeNull();
  });

  it("voids every other open link of the user, invitation and reset alike", async () => {
    const admin = await makeUser(deps, "admin");
    const email = `pending-${uniq()}@example.test`;
    await inviteUser(deps, admin, { email, name: "Paula Pending", role: "agent" });
    const invite = tokenIn((await resetMailsTo(email))[0].bodyText);
    const reset = await resetToken(email); // an invited user who lost the mail may ask for a reset

    await setPasswordWithToken(deps, { token: reset, password: "chosen via reset" });
    const [u] = await deps.db.select().from(users).where(eq(users.email, email));
    expect(u.invitationPending).toBe(false);
    expect((await refusal(setPasswordWithToken(deps, { token: invite, password: "chosen via invite" }))).message).toBe(INVALID_LINK_MESSAGE);
    expect(await authenticateUser(deps.db, email, "chosen via reset")).not.toBeNull();
    const open = await deps.db.select().from(userTokens).where(eq(userTokens.userId, u.id));
    expect(open.filter((t) => t.usedAt === null)).toEqual([]);
  });

  it("of two requests with the same link, exactly one sets its password", async () => {
    const u = await userWithPassword();
    const token = await resetToken(u.email);
    const results = await Promise.allSettled([
      setPasswordWithToken(deps, { token, password: "racer number one" }),
      setPasswordWithToken(deps, { token, password: "racer number two" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const ok = [await authenticateUser(deps.db, u.email, "racer number one"), await authenticateUser(deps.db, u.email, "racer number two")];
    expect(ok.filter(Boolean)).toHaveLength(1);
  });

  it("a link of a user disabled after the mail was sent does not work", async () => {
    const u = await userWithPassword();
    const token = await resetToken(u.email);
    await deps.db.update(users).set({ active: false }).where(eq(users.id, u.id));
    expect((await refusal(setPasswordWithToken(deps, { token, password: "while disabled" }))).message).toBe(INVALID_LINK_MESSAGE);
  });
});
