import { and, eq, sql } from "drizzle-orm";
import { users } from "../../../db/schema";
import { hashPassword } from "../../../lib/password";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from "../../../lib/password-policy";
import { AppError } from "../errors";
import type { Deps } from "../events";
import { passwordResetMail, queueAccountMail, setPasswordLink } from "../mail/account-mail";
import { attemptKeys, attemptSucceeded, beginAttempt } from "./attempt-limits";
import { endSessions } from "./sessions";
import { consumeUserToken, issueUserToken, tokensIssuedSince, voidUserTokens } from "./user-tokens";

/**
 * Password reset by mail, and choosing a password from any mailed link (A1).
 *
 * Asking for a reset answers the same whatever the address, in the same time: the request
 * only enqueues a job, and unknown, disabled and rate-limited addresses simply get no mail
 * from it, so the form cannot tell who has an account.
 * A link sets a password once; afterwards every other open link of the user stops working.
 */

/** At most this many reset mails per account and hour; more requests are dropped silently. */
export const RESET_MAILS_PER_HOUR = 3;

export const INVALID_LINK_MESSAGE = "This link is invalid or has expired";

/** The one answer for an unknown, used, voided or expired link, or an account disabled since. */
const invalidLink = () => new AppError("INVALID", INVALID_LINK_MESSAGE, { fieldErrors: { token: [INVALID_LINK_MESSAGE] } });

function passwordError(message: string) {
  return new AppError("INVALID", message, { fieldErrors: { password: [message] } });
}

/**
 * Asking for a reset (issue 11.8): the request does the same work whatever the address, so
 * neither its answer nor its timing tells whether an account exists. It counts against the
 * attempt limits of the address and the IP and enqueues one `password-reset.request` job;
 * the worker decides there (`mailPasswordReset`) whether a mail goes out.
 */
export async function requestPasswordReset(deps: Deps, input: { email: string }, client: { ip?: string | null } = {}): Promise<void> {
  const email = input.email.trim().toLowerCase();
  if (!(await beginAttempt(deps.db, attemptKeys("resetRequest", { account: email, ip: client.ip })))) return;
  await deps.jobs.enqueue("password-reset.request", { email });
}

/**
 * The job behind a reset request: mails a reset link to the account with this address when
 * it exists, is active and has not had `RESET_MAILS_PER_HOUR` reset mails within the hour;
 * otherwise does nothing.
 */
export async function mailPasswordReset(deps: Deps, input: { email: string }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const outboxId = await deps.db.transaction(async (tx) => {
    // Locked, so that parallel requests for one account are counted one after the other.
    const [user] = await tx
      .select({ id: users.id, name: users.name, email: users.email, active: users.active })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email))
      .for("update");
    if (!user || !user.active) return null;
    if ((await tokensIssuedSince(tx, user.id, "reset", 60 * 60)) >= RESET_MAILS_PER_HOUR) return null;
    const { token, expiresAt } = await issueUserToken(tx, user.id, "reset");
    const mail = passwordResetMail({ name: user.name, link: setPasswordLink(deps.appUrl, token), expiresAt });
    return queueAccountMail(tx, deps.fallbackFrom, { to: user.email, ...mail });
  });
  if (outboxId === null) return;
  try {
    await deps.jobs.enqueue("outbox.deliver", { outboxId });
  } catch (err) {
    // The mail is committed and the outbox sweep sends it within a minute; failing this job would mail twice.
    console.error(`[password-reset] could not enqueue outbox ${outboxId}: ${(err as Error).message}`);
  }
}

/**
 * Sets the password of the link's user: checks the policy first (a refused password leaves
 * the link usable), then takes the token (one winner), stores the new hash, ends a pending
 * invitation, voids every other open link of the user, invitation and reset alike, and ends
 * every open session of the user.
 */
export async function setPasswordWithToken(
  deps: Deps,
  input: { token: string; password: string },
  client: { ip?: string | null } = {},
): Promise<{ email: string }> {
  const problem = passwordProblem(input.password);
  if (problem === "tooShort") throw passwordError(`Use at least ${PASSWORD_MIN_LENGTH} characters`);
  if (problem === "tooLong") throw passwordError(`Use at most ${PASSWORD_MAX_LENGTH} characters`);
  // Guessing links (reset and invitation alike): past the IP's limit, every link is "invalid".
  const keys = attemptKeys("setPassword", { ip: client.ip });
  if (!(await beginAttempt(deps.db, keys))) throw invalidLink();
  const passwordHash = await hashPassword(input.password);
  const { email, ended } = await deps.db.transaction(async (tx) => {
    const taken = await consumeUserToken(tx, input.token);
    if (!taken) throw invalidLink();
    const [user] = await tx
      .update(users)
      .set({ passwordHash, invitationPending: false })
      .where(and(eq(users.id, taken.userId), eq(users.active, true)))
      .returning({ id: users.id, email: users.email });
    if (!user) throw invalidLink(); // disabled since the mail was sent
    await voidUserTokens(tx, user.id);
    return { email: user.email, ended: await endSessions(tx, user.id) };
  });
  deps.publish([ended]);
  await attemptSucceeded(deps.db, keys);
  return { email };
}
