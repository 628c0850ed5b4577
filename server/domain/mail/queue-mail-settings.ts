import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { mailAccounts, queues, type Queue } from "../../../db/schema";
import type { Actor } from "../actor";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit";
import { assertAdmin } from "../permissions";

/**
 * Per-queue mail settings (G6/G7), administered by admins: the account replies are sent
 * from, the autoresponder, how much a reply quotes, who is told about new tickets, and the
 * queue's greeting and signature. They take effect when mail is composed (mail/compose.ts) and when a
 * mail opens a ticket (mail/auto-mail.ts). The router (server/api/routers/queue.ts) checks
 * the shape first; the rules are checked here again so the worker and tests get them too.
 */

export type QuotingMode = Queue["quoting"];
export const quotingModes = ["none", "last", "last3", "all"] as const satisfies readonly QuotingMode[];

export const NOTIFY_EMAILS_MAX = 20;
export const AUTORESPONDER_TEXT_MAX = 5000;
export const QUEUE_SIGNATURE_MAX = 2000;
export const QUEUE_GREETING_MAX = 500;

export interface QueueMailSettingsInput {
  /** null: the first active account (see senderFor in mail/compose.ts). */
  senderAccountId: number | null;
  autoresponderEnabled: boolean;
  /** null or blank: the default text of mail/auto-mail.ts. */
  autoresponderText: string | null;
  quoting: QuotingMode;
  notifyEmails: string[];
  /** null or blank: no greeting unless the agent has one. */
  greeting: string | null;
  signature: string | null;
}

export interface QueueMailSettings extends QueueMailSettingsInput {
  id: number;
  name: string;
}

/** An INVALID error that the API shows beside one form field. */
function fieldError(field: keyof QueueMailSettingsInput, message: string): AppError {
  return new AppError("INVALID", message, { fieldErrors: { [field]: [message] } });
}

const blankToNull = (v: string | null): string | null => {
  const t = v?.trim() ?? "";
  return t === "" ? null : t;
};

const address = z.email();

/** Trimmed, lower-cased, de-duplicated (first occurrence keeps its place), each a valid address. */
export function normalizeNotifyEmails(list: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of list) {
    const a = raw.trim().toLowerCase();
    if (a === "") continue;
    if (a.length > 320 || !address.safeParse(a).success) throw fieldError("notifyEmails", `Not a valid e-mail address: ${raw.trim()}`);
    if (!out.includes(a)) out.push(a);
  }
  if (out.length > NOTIFY_EMAILS_MAX) throw fieldError("notifyEmails", `Enter at most ${NOTIFY_EMAILS_MAX} addresses`);
  return out;
}

function toView(q: Queue): QueueMailSettings {
  return {
    id: q.id, name: q.name, senderAccountId: q.senderAccountId, autoresponderEnabled: q.autoresponderEnabled,
    autoresponderText: q.autoresponderText, quoting: q.quoting, notifyEmails: q.notifyEmails, greeting: q.greeting, signature: q.signature,
  };
}

export async function listQueueMailSettings(db: DbOrTx, actor: Actor): Promise<QueueMailSettings[]> {
  assertAdmin(actor);
  const rows = await db.select().from(queues).orderBy(asc(queues.position), asc(queues.id));
  return rows.map(toView);
}

export async function updateQueueMailSettings(
  db: DbOrTx,
  actor: Actor,
  queueId: number,
  input: QueueMailSettingsInput,
): Promise<QueueMailSettings> {
  assertAdmin(actor);
  const [existing] = await db.select().from(queues).where(eq(queues.id, queueId));
  if (!existing) throw notFound("Queue");
  if (input.senderAccountId !== null) {
    const [account] = await db.select({ id: mailAccounts.id }).from(mailAccounts).where(eq(mailAccounts.id, input.senderAccountId));
    if (!account) throw fieldError("senderAccountId", "Choose an existing mail account");
  }
  if (!quotingModes.includes(input.quoting)) throw fieldError("quoting", "Choose how much of the conversation a reply quotes");
  const autoresponderText = blankToNull(input.autoresponderText);
  if (autoresponderText && autoresponderText.length > AUTORESPONDER_TEXT_MAX) {
    throw fieldError("autoresponderText", `The autoresponder text is too long (at most ${AUTORESPONDER_TEXT_MAX} characters)`);
  }
  const greeting = blankToNull(input.greeting);
  if (greeting && greeting.length > QUEUE_GREETING_MAX) {
    throw fieldError("greeting", `The greeting is too long (at most ${QUEUE_GREETING_MAX} characters)`);
  }
  const signature = blankToNull(input.signature);
  if (signature && signature.length > QUEUE_SIGNATURE_MAX) {
    throw fieldError("signature", `The signature is too long (at most ${QUEUE_SIGNATURE_MAX} characters)`);
  }
  const notifyEmails = normalizeNotifyEmails(input.notifyEmails);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(queues)
      .set({
        senderAccountId: input.senderAccountId,
        autoresponderEnabled: input.autoresponderEnabled,
        autoresponderText,
        quoting: input.quoting,
        notifyEmails,
        greeting,
        signature,
      })
      .where(eq(queues.id, queueId))
      .returning();
    if (!row) throw notFound("Queue");
    await recordAudit(tx, actor, {
      entity: "queue", entityId: queueId, label: row.name, before: { ...toView(existing) }, after: { ...toView(row) },
    });
    return toView(row);
  });
}
