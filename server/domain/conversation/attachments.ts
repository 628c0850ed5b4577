import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { attachments, ticketEntries, tickets } from "../../../db/schema";
import type { Actor } from "../actor";
import { notFound } from "../errors";
import { canReadTicket, ticketAccessColumns } from "../permissions";

/** An attachment's bytes, for an actor who may read the ticket it belongs to. */
export async function readAttachment(db: DbOrTx, actor: Actor, attachmentId: number) {
  const [row] = await db
    .select({
      filename: attachments.filename,
      contentType: attachments.contentType,
      content: attachments.content,
      ...ticketAccessColumns,
    })
    .from(attachments)
    .innerJoin(ticketEntries, eq(ticketEntries.id, attachments.entryId))
    .innerJoin(tickets, eq(tickets.id, ticketEntries.ticketId))
    .where(eq(attachments.id, attachmentId));
  if (!row || !canReadTicket(actor, row)) throw notFound("Attachment");
  return row;
}

export const attachmentUrl = (id: number) => `/api/attachments/${id}`;

/** Points `cid:` images at their stored attachments, so inline images show in place. */
export function resolveInlineImages(html: string, files: { id: number; contentId: string | null }[]): string {
  const byCid = new Map(files.filter((f) => f.contentId).map((f) => [f.contentId!.toLowerCase(), f.id]));
  return html.replace(/(["'])cid:([^"']+)\1/gi, (whole, quote: string, cid: string) => {
    const id = byCid.get(decodeURIComponent(cid).toLowerCase());
    return id ? `${quote}${attachmentUrl(id)}${quote}` : whole;
  });
}
