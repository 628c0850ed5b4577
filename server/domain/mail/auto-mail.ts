import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { outbox, type Queue, type Ticket } from "../../../db/schema";
import { replySubject } from "../../../lib/mail-address";
import { newMessageId, senderFor } from "./compose";

/** Loop guards for mail we send by ourselves (autoresponses, notifications). */
export const AUTO_MAILS_PER_TICKET = 10;
export const AUTO_MAILS_PER_RECIPIENT = 30;
export const AUTO_MAIL_WINDOW_MINUTES = 10;

const automaticKinds = ["autoresponse", "notification"] as const;

/**
 * True while neither cap is reached for this ticket and recipient. The ticket cap counts
 * mails to this recipient only (a loop runs between us and one address), so one chatty
 * address never silences the others. Staff notifications skip it (`perTicket: false`):
 * a colleague's auto-reply is filed as their own entry and notifies nobody, so it cannot
 * loop, and a long ticket must not stop mailing its watchers; the recipient cap stays.
 */
export async function mayAutoMail(tx: DbOrTx, ticketId: number, recipient: string, opts: { perTicket?: boolean } = {}): Promise<boolean> {
  const toRecipient = sql`lower(${recipient}) = any(select lower(x) from unnest(${outbox.toEmails}) as x)`;
  if (opts.perTicket !== false) {
    const [perTicket] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(and(eq(outbox.ticketId, ticketId), inArray(outbox.kind, automaticKinds), toRecipient));
    if (perTicket.n >= AUTO_MAILS_PER_TICKET) return false;
  }
  const [perRecipient] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(
      and(
        inArray(outbox.kind, automaticKinds),
        toRecipient,
        gt(outbox.createdAt, sql`now() - make_interval(mins => ${AUTO_MAIL_WINDOW_MINUTES})`),
      ),
    );
  return perRecipient.n < AUTO_MAILS_PER_RECIPIENT;
}

/**
 * What a new ticket from a mail triggers: the queue's autoresponder to the sender (unless
 * the mail itself is automatic or a cap is reached) and a note to the queue's notify list.
 * Returns the outbox ids to enqueue after commit.
 */
export async function queueNewTicketMails(
  tx: DbOrTx,
  fallbackFrom: string,
  input: { ticket: Ticket; queue: Queue; from: string | null; automatic: string | null; subject: string; text: string; messageId: string | null },
): Promise<number[]> {
  const { ticket, queue } = input;
  if (!queue.autoresponderEnabled && queue.notifyEmails.length === 0) return [];
  const sender = await senderFor(tx, queue, fallbackFrom);
  const ids: number[] = [];
  const add = async (kind: "autoresponse" | "notification", to: string, subject: string, bodyText: string) => {
    if (!(await mayAutoMail(tx, ticket.id, to))) return;
    const [row] = await tx
      .insert(outbox)
      .values({
        kind, ticketId: ticket.id, ...sender, toEmails: [to], subject, bodyText,
        messageId: newMessageId(sender.fromEmail),
        inReplyTo: kind === "autoresponse" ? input.messageId : null,
        references: kind === "autoresponse" && input.messageId ? [input.messageId] : [],
      })
      .returning({ id: outbox.id });
    ids.push(row.id);
  };
  if (queue.autoresponderEnabled && input.from && !input.automatic) {
    const text = queue.autoresponderText?.trim() || "Thank you for your message. We have received it and will answer soon.";
    await add("autoresponse", input.from, `${queue.name} ${replySubject(ticket.number, input.subject)}`, text);
  }
  for (const to of queue.notifyEmails) {
    const body = `New ticket #${ticket.number} in ${queue.name} from ${input.from ?? "unknown sender"}:\n\n${input.subject}\n\n${input.text.slice(0, 2000)}`;
    await add("notification", to, `New ticket ${replySubject(ticket.number, input.subject)}`, body);
  }
  return ids;
}
