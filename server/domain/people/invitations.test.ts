import { afterAll, describe, expect, it } from "vitest";
import { and, desc, eq, sql } from "drizzle-orm";
import { auditLog, outbox, queueAccess, users, userTokens } from "../../../db/schema";
import { makeUser, testDeps } from "../../../db/testing/test-deps";
import { callOverHttp } from "../../api/testing/call-over-http";
import { authenticateUser } from "../../auth/authenticate";
import { AppError } from "../errors";
import { inviteUser, listPendingInvitations, resendInvitation } from "./invitations";
import { INVALID_LINK_MESSAGE, setPasswordWithToken } from "./password-reset";
import { hashToken } from "./user-tokens";

const deps = testDeps();
afterAll(() => deps.handle.close());

const uniq = () => `${Date.now()}${Math.random().toString(36).slice(2, 8)}`;
const newAddress = () => `invited-${uniq()}@example.test`;

/** The account mails to an address, oldest first. */
async function accountMailsTo(address: string) {
  const rows = await deps.db.select().from(outbox).where(eq(outbox.kind, "account")).orderBy(outbox.id);
  return rows.filter((r) => r.toEmails.includes(address));
}

/** The token in a mail's link. */
function tokenIn(bodyText: string): string {
  const m = /\/set-password\?token=([A-Za-z0-9_-]+)/.exec(bodyText);
  if (!m) throw new Error(`no link in ${bodyText}`);
  return m[1];
}

async function userRow(email: string) {
  const [u] = await deps.db.select().from(users).where(eq(users.email, email));
  return u;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("inviting a user (A1)", () => {
  it("creates the user with the role given, no queues and no way to sign in, and queues the invitation mail", async () => {
    const admin = await makeUser(deps, "admin");
    const email = newAddress();
    const jobsBefore = deps.jobsSent.length;
    const invited = await inviteUser(deps, admin, { email: `  ${email.toUpperCase()} `, name: " Ida Invited ", role: "agent" });
    expect(invited).toMatchObject({ email, name: "Ida Invited", role: "agent" });

    const u = await userRow(email);
    expect(u).toMatchObject({ role: "agent", active: true, invitationPending: true, rights: [] });
    expect(await deps.db.select().from(queueAccess).where(eq(queueAccess.userId, u.id))).toEqual([]);
    expect(u.passwordHash).toMatch(/^scrypt\$/); // a real hash of a secret nobody knows: sign-in takes the usual time

    const [mail] = await accountMailsTo(email);
    // The sender is the first active mail account, else the fallback; other test files add accounts to this database.
    expect(mail).toMatchObject({ kind: "account", ticketId: null, entryId: null, toEmails: [email], status: "queued" });
    expect(mail.fromEmail).toMatch(/^[^@\s]+@[^@\s]+$/);
    expect(mail.subject).toBe("Your invitation to the help desk");
    expect(mail.bodyText).toContain("Hello Ida Invited,");
    expect(mail.bodyText).toContain(`${admin.name} has invited you to the help desk as an agent.`);
    expect(mail.bodyText).toContain("http://localhost:3000/set-password?token=");
    expect(deps.jobsSent.slice(jobsBefore)).toEqual([{ name: "outbox.deliver", payload: { outboxId: mail.id } }]);

    // Only the token's hash is stored; it is valid for 7 days.
    const token = tokenIn(mail.bodyText);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    const [row] = await deps.db.select().from(userTokens).where(eq(userTokens.userId, u.id));
    expect(row).toMatchObject({ purpose: "invite", tokenHash: hashToken(token), usedAt: null });
    expect(row.tokenHash).not.toContain(token);
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);

    // Nobody can sign in before a password is set: not with a guess, not with the token itself.
    for (const guess of ["", "password", token, "not-a-real-password"]) expect(await authenticateUser(deps.db, email, guess)).toBeNull();

    // The admin change is in the audit log.
    const [audit] = await deps.db.select().from(auditLog).where(and(eq(auditLog.entity, "user"), eq(auditLog.entityId, String(u.id))));
    expect(audit).toMatchObject({ action: "create", actorUserId: admin.userId, entityLabel: email });
  });

  it("signs in only after the invitation link set a password; the link works once", async () => {
    const admin = await makeUser(deps, "admin");
    const email = newAddress();
    await inviteUser(deps, admin, { email, name: "Bo Backoffice", role: "backoffice" });
    expect((await listPendingInvitations(deps.db, admin)).map((p) => p.userId)).toContain((await userRow(email)).id);
    const token = tokenIn((await accountMailsTo(email))[0].bodyText);

    expect(await setPasswordWithToken(deps, { token, password: "correct horse battery" })).toEqual({ email });
    const u = await userRow(email);
    expect(u.invitationPending).toBe(false);
    expect(await authenticateUser(deps.db, email, "correct horse battery")).toMatchObject({ id: u.id, role: "backoffice" });
    expect((await listPendingInvitations(deps.db, admin)).map((p) => p.userId)).not.toContain(u.id);

    const again = await refusal(setPasswordWithToken(deps, { token, password: "another long password" }));
    expect(again.message).toBe(INVALID_LINK_MESSAGE);
    expect(await authenticateUser(deps.db, email, "another long password")).toBeNull();
  });

  it("refuses an address that is already used (in any case) as a field error, and creates nothing", async () => {
    const admin = await makeUser(deps, "admin");
    const existing = await makeUser(deps, "agent");
    const [{ email }] = await deps.db.select({ email: users.email }).from(users).where(eq(users.id, existing.userId));
    const r = await callOverHttp(deps, "user.invite", { email: email.toUpperCase(), name: "Twin", role: "agent" }, admin);
    expect(r.error?.data.code).toBe("CONFLICT");
    expect(r.error?.data.fieldErrors).toEqual({ email: ["A user with this e-mail address already exists"] });
    expect(await deps.db.select().from(users).where(eq(users.name, "Twin"))).toEqual([]);

    const bad = await callOverHttp(deps, "user.invite", { email: "not-an-address", name: "", role: "chief" }, admin);
    expect(bad.error?.data.code).toBe("BAD_REQUEST");
    expect(Object.keys(bad.error?.data.fieldErrors ?? {}).sort()).toEqual(["email", "name", "role"]);
  });

  it("only admins invite", async () => {
    const agent = await makeUser(deps, "agent");
    const email = newAddress();
    const r = await callOverHttp(deps, "user.invite", { email, name: "Sneaky", role: "admin" }, agent);
    expect(r.error?.data.code).toBe("FORBIDDEN");
    expect(await userRow(email)).toBeUndefined();
    expect((await callOverHttp(deps, "user.invite", { email, name: "Sneaky", role: "admin" }, null)).error?.data.code).toBe("UNAUTHORIZED");
  });

  it("sending the invitation again voids the earlier link; not for users with a password or disabled ones", async () => {
    const admin = await makeUser(deps, "admin");
    const email = newAddress();
    const { id } = await inviteUser(deps, admin, { email, name: "Resa Resend", role: "agent" });
    const first = tokenIn((await accountMailsTo(email))[0].bodyText);
    const { expiresAt } = await resendInvitation(deps, admin, id);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    const mails = await accountMailsTo(email);
    expect(mails).toHaveLength(2);
    const second = tokenIn(mails[1].bodyText);
    expect(second).not.toBe(first);

    expect((await refusal(setPasswordWithToken(deps, { token: first, password: "first link password" }))).message).toBe(INVALID_LINK_MESSAGE);
    await setPasswordWithToken(deps, { token: second, password: "second link password" });
    expect(await authenticateUser(deps.db, email, "second link password")).not.toBeNull();

    const done = await refusal(resendInvitation(deps, admin, id));
    expect(done.code).toBe("CONFLICT");

    const other = await inviteUser(deps, admin, { email: newAddress(), name: "Dora Disabled", role: "agent" });
    await deps.db.update(users).set({ active: false }).where(eq(users.id, other.id));
    expect((await refusal(resendInvitation(deps, admin, other.id))).code).toBe("CONFLICT");
    expect((await refusal(resendInvitation(deps, admin, 2147483000))).code).toBe("NOT_FOUND");
    const agent = await makeUser(deps, "agent");
    expect((await refusal(resendInvitation(deps, agent, id))).code).toBe("FORBIDDEN");
  });

  it("an invitation link expires after 7 days, and one whose user was disabled meanwhile does not work", async () => {
    const admin = await makeUser(deps, "admin");
    const late = newAddress();
    const { id } = await inviteUser(deps, admin, { email: late, name: "Lars Late", role: "agent" });
    const lateToken = tokenIn((await accountMailsTo(late))[0].bodyText);
    await deps.db.update(userTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(userTokens.userId, id));
    expect((await refusal(setPasswordWithToken(deps, { token: lateToken, password: "too late password" }))).message).toBe(INVALID_LINK_MESSAGE);
    expect((await listPendingInvitations(deps.db, admin)).find((p) => p.userId === id)).toEqual({ userId: id, expiresAt: null });

    const gone = newAddress();
    const g = await inviteUser(deps, admin, { email: gone, name: "Greta Gone", role: "agent" });
    const goneToken = tokenIn((await accountMailsTo(gone))[0].bodyText);
    const pending = (await listPendingInvitations(deps.db, admin)).find((p) => p.userId === g.id);
    expect(pending?.expiresAt).toBeInstanceOf(Date);
    await deps.db.update(users).set({ active: false }).where(eq(users.id, g.id));
    expect((await refusal(setPasswordWithToken(deps, { token: goneToken, password: "disabled password" }))).message).toBe(INVALID_LINK_MESSAGE);
    const [t] = await deps.db.select().from(userTokens).where(eq(userTokens.userId, g.id)).orderBy(desc(userTokens.id));
    expect(t.usedAt).toBeNull(); // refused without taking the link: enabling the account again makes it work
  });
});
