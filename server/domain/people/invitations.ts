import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { users, userTokens, type User } from "../../../db/schema";
import { hashPassword } from "../../../lib/password";
import type { Actor, StaffRole } from "../actor";
import { recordAudit } from "../audit";
import { AppError, conflict, notFound } from "../errors";
import type { Deps } from "../events";
import { invitationMail, queueAccountMail, setPasswordLink } from "../mail/account-mail";
import { assertAdmin } from "../permissions";
import { issueUserToken } from "./user-tokens";

/**
 * Admins invite users by mail (A1). The user exists at once, with the role given and no
 * queues (the admin sets those on the users page), but cannot sign in: their password hash
 * is of a random secret nobody knows, and `invitationPending` stays set until the link in
 * the mail sets a password (password-reset.ts). The user row, the token and the mail
 * commit together; the mail is sent by the worker.
 */

export interface InviteInput {
  email: string;
  name: string;
  role: StaffRole;
}

export interface InvitedUser {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
}

const emailTaken = "A user with this e-mail address already exists";

function fieldError(code: "INVALID" | "CONFLICT", field: keyof InviteInput, message: string): AppError {
  return new AppError(code, message, { fieldErrors: { [field]: [message] } });
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return (e.code ?? e.cause?.code) === "23505";
}

/** A hash no password matches that anybody knows; hashed like any other, so sign-in takes the same time. */
export async function unusablePasswordHash(): Promise<string> {
  return hashPassword(randomBytes(32).toString("base64url"));
}

/** Queues the invitation mail with a fresh link (older invitation links stop working). */
async function queueInvitation(tx: DbOrTx, deps: Deps, actor: Actor, user: Pick<User, "id" | "name" | "email" | "role">) {
  const { token, expiresAt } = await issueUserToken(tx, user.id, "invite");
  const mail = invitationMail({
    name: user.name,
    invitedBy: actor.kind === "user" ? actor.name : null,
    role: user.role,
    link: setPasswordLink(deps.appUrl, token),
    expiresAt,
  });
  const outboxId = await queueAccountMail(tx, deps.fallbackFrom, { to: user.email, ...mail });
  return { outboxId, expiresAt };
}

export async function inviteUser(deps: Deps, actor: Actor, input: InviteInput): Promise<InvitedUser> {
  assertAdmin(actor);
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  if (!name) throw fieldError("INVALID", "name", "Enter the user's name");
  const passwordHash = await unusablePasswordHash();
  let created: { user: InvitedUser; outboxId: number };
  try {
    created = await deps.db.transaction(async (tx) => {
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email));
      if (taken) throw fieldError("CONFLICT", "email", emailTaken);
      const [user] = await tx
        .insert(users)
        .values({ email, name, role: input.role, passwordHash, invitationPending: true, rights: [] })
        .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
      const { outboxId } = await queueInvitation(tx, deps, actor, user);
      await recordAudit(tx, actor, {
        entity: "user", entityId: user.id, label: user.email, before: null,
        after: { name: user.name, email: user.email, role: user.role, active: true, invitationPending: true },
      });
      return { user, outboxId };
    });
  } catch (err) {
    // Two admins inviting the same address at once: the unique index decides.
    if (isUniqueViolation(err)) throw fieldError("CONFLICT", "email", emailTaken);
    throw err;
  }
  await deps.jobs.enqueue("outbox.deliver", { outboxId: created.outboxId });
  return created.user;
}

/** A new invitation mail for a user who has not chosen a password yet; the earlier link stops working. */
export async function resendInvitation(deps: Deps, actor: Actor, userId: number): Promise<{ expiresAt: Date }> {
  assertAdmin(actor);
  const { outboxId, expiresAt } = await deps.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active, invitationPending: users.invitationPending })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!user) throw notFound("User");
    if (!user.invitationPending) throw conflict("This user has already chosen a password");
    if (!user.active) throw conflict("This account is disabled; activate it before sending the invitation again");
    return queueInvitation(tx, deps, actor, user);
  });
  await deps.jobs.enqueue("outbox.deliver", { outboxId });
  return { expiresAt };
}

export interface PendingInvitation {
  userId: number;
  /** Until when the newest link works; null when it has expired (send it again). */
  expiresAt: Date | null;
}

/** Users who were invited and have not chosen a password yet. */
export async function listPendingInvitations(db: DbOrTx, actor: Actor): Promise<PendingInvitation[]> {
  assertAdmin(actor);
  return db
    .select({ userId: users.id, expiresAt: sql<Date | null>`max(${userTokens.expiresAt})`.mapWith(userTokens.expiresAt) })
    .from(users)
    .leftJoin(
      userTokens,
      and(eq(userTokens.userId, users.id), eq(userTokens.purpose, "invite"), isNull(userTokens.usedAt), gt(userTokens.expiresAt, sql`now()`)),
    )
    .where(eq(users.invitationPending, true))
    .groupBy(users.id)
    .orderBy(users.id);
}
