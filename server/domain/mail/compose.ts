import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { mailAccounts, queues, ticketEntries, users, type MailAccount, type Queue } from "../../../db/schema";

export interface Sender {
  accountId: number | null;
  fromEmail: string;
  fromName: string | null;
  replyTo: string | null;
}

/**
 * Who a queue's mail comes from: the queue's own sender account, else an account that feeds
 * the queue, else the first active account, else the demo address.
 */
export async function senderFor(tx: DbOrTx, queue: Queue, fallbackFrom: string): Promise<Sender> {
  const [account] = await tx
    .select()
    .from(mailAccounts)
    .where(eq(mailAccounts.active, true))
    .orderBy(
      sql`${mailAccounts.id} = ${queue.senderAccountId ?? -1} desc`,
      sql`${mailAccounts.queueId} = ${queue.id} desc nulls last`,
      asc(mailAccounts.id),
    )
    .limit(1);
  return account ? senderOf(account) : { accountId: null, fromEmail: fallbackFrom, fromName: null, replyTo: null };
}

/** The sending identity of a mail account. */
export function senderOf(a: MailAccount): Sender {
  return { accountId: a.id, fromEmail: a.address, fromName: a.senderName, replyTo: a.replyTo };
}

export function newMessageId(fromEmail: string): string {
  return `${randomUUID()}@${fromEmail.split("@")[1] || "helpdesk.local"}`;
}

/** In-Reply-To is the newest mail of the thread, References all of them (at most 20). */
export async function threadHeaders(tx: DbOrTx, ticketId: number) {
  const thread = await tx
    .select({ messageId: ticketEntries.messageId })
    .from(ticketEntries)
    .where(and(eq(ticketEntries.ticketId, ticketId), isNotNull(ticketEntries.messageId)))
    .orderBy(asc(ticketEntries.createdAt), asc(ticketEntries.id));
  const ids = thread.map((r) => r.messageId as string);
  return { inReplyTo: ids.at(-1) ?? null, references: ids.slice(-20) };
}

const quoteCount = { none: 0, last: 1, last3: 3, all: 1000 } as const;

/**
 * The text of an outgoing reply: the agent's words, the greeting and the signature (the
 * user's own win over the queue's), then the earlier conversation quoted as the queue says.
 */
export async function composeReplyText(
  tx: DbOrTx,
  input: { ticketId: number; queueId: number; authorUserId: number; body: string; quote?: boolean },
): Promise<string> {
  const [[author], [queue]] = await Promise.all([
    tx.select({ greeting: users.greeting, signature: users.signature }).from(users).where(eq(users.id, input.authorUserId)),
    tx.select({ quoting: queues.quoting, greeting: queues.greeting, signature: queues.signature }).from(queues).where(eq(queues.id, input.queueId)),
  ]);
  const parts = [input.body.trim()];
  const greeting = author?.greeting || queue?.greeting;
  if (greeting) parts.push(greeting.trim());
  const signature = author?.signature || queue?.signature;
  if (signature) parts.push(`-- \n${signature.trim()}`);
  const limit = input.quote === false ? 0 : quoteCount[queue?.quoting ?? "last"];
  if (limit > 0) {
    const earlier = await tx
      .select({ bodyText: ticketEntries.bodyText, fromEmail: ticketEntries.fromEmail, createdAt: ticketEntries.createdAt, name: users.name })
      .from(ticketEntries)
      .leftJoin(users, eq(users.id, ticketEntries.authorUserId))
      .where(and(eq(ticketEntries.ticketId, input.ticketId), inArray(ticketEntries.kind, ["customer_mail", "agent_message"])))
      .orderBy(desc(ticketEntries.createdAt), desc(ticketEntries.id))
      .limit(limit);
    for (const e of earlier) {
      const who = e.name ?? e.fromEmail ?? "?";
      const quoted = e.bodyText.split(/\r?\n/).map((l) => `> ${l}`).join("\n");
      parts.push(`On ${e.createdAt.toUTCString()}, ${who} wrote:\n${quoted}`);
    }
  }
  return parts.join("\n\n");
}
