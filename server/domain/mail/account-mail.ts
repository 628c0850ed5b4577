import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { mailAccounts, outbox } from "../../../db/schema";
import type { StaffRole } from "../actor";
import { newMessageId, senderOf, type Sender } from "./compose";

/**
 * Mail about a user's account (A1): an invitation or a password-reset link. It belongs to
 * no ticket and no queue, so it comes from the first active mail account, else the
 * fallback address. It is queued in the outbox (kind `account`) inside the caller's
 * transaction and sent by the worker with retries; once sent, the worker blanks the link
 * in the stored copy (`redactAccountMailText`). Texts are English, as notification mails
 * (users have no mail language yet).
 */

export async function accountSender(tx: DbOrTx, fallbackFrom: string): Promise<Sender> {
  const [account] = await tx.select().from(mailAccounts).where(eq(mailAccounts.active, true)).orderBy(asc(mailAccounts.id)).limit(1);
  return account ? senderOf(account) : { accountId: null, fromEmail: fallbackFrom, fromName: null, replyTo: null };
}

/** Queues one account mail to one address; returns the outbox id to enqueue after commit. */
export async function queueAccountMail(
  tx: DbOrTx,
  fallbackFrom: string,
  mail: { to: string; subject: string; bodyText: string },
): Promise<number> {
  const sender = await accountSender(tx, fallbackFrom);
  const [row] = await tx
    .insert(outbox)
    .values({
      kind: "account", ticketId: null, ...sender, toEmails: [mail.to], subject: mail.subject, bodyText: mail.bodyText,
      messageId: newMessageId(sender.fromEmail),
    })
    .returning({ id: outbox.id });
  return row.id;
}

/** The page where the link's holder chooses a password. */
export function setPasswordLink(appUrl: string | undefined, token: string): string {
  const base = (appUrl ?? "http://localhost:3000").replace(/\/+$/, "");
  return `${base}/set-password?token=${encodeURIComponent(token)}`;
}

const roleNames: Record<StaffRole, string> = { admin: "an administrator", agent: "an agent", backoffice: "a back-office user" };

const until = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function invitationMail(input: { name: string; invitedBy: string | null; role: StaffRole; link: string; expiresAt: Date }) {
  const who = input.invitedBy ?? "An administrator";
  return {
    subject: "Your invitation to the help desk",
    bodyText: [
      `Hello ${input.name},`,
      "",
      `${who} has invited you to the help desk as ${roleNames[input.role]}.`,
      "Choose your password here to activate your account:",
      "",
      input.link,
      "",
      `The link works once and until ${until(input.expiresAt)}. If it has expired, ask an administrator to send a new invitation.`,
      "If you did not expect this mail, you can ignore it.",
    ].join("\n"),
  };
}

export function passwordResetMail(input: { name: string; link: string; expiresAt: Date }) {
  return {
    subject: "Reset your help-desk password",
    bodyText: [
      `Hello ${input.name},`,
      "",
      "Someone, hopefully you, asked to reset the password of your help-desk account.",
      "Choose a new password here:",
      "",
      input.link,
      "",
      `The link works once and until ${until(input.expiresAt)}.`,
      "If you did not ask for this, ignore this mail: your password stays as it is.",
    ].join("\n"),
  };
}

/** The stored copy of a sent account mail keeps no working link (the token is a login). */
export function redactAccountMailText(text: string): string {
  return text.replace(/([?&]token=)[^\s&]+/g, "$1[removed after sending]");
}
