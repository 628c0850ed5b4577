import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { contacts, tickets, users } from "../../../db/schema";
import { addressLines, hasBadPlaceholders, renderPlaceholders, salutationLine, type PlaceholderValues, type RenderedText } from "../../../lib/placeholders";
import type { Actor } from "../actor";
import { invalid, notFound } from "../errors";
import { escapeHtml, htmlToPlainText } from "../mail/html-text";
import { sanitizeMailHtml } from "../mail/sanitize-html";
import { canReadTicket } from "../permissions";

type Ticket = typeof tickets.$inferSelect;

/**
 * The values placeholders take on one ticket, written by one agent. The salutation follows
 * the writer's language (the customer's is not recorded), defaulting to English.
 */
export async function placeholderValues(tx: DbOrTx, appUrl: string | undefined, t: Ticket, authorUserId: number): Promise<PlaceholderValues> {
  const [[contact], [author]] = await Promise.all([
    t.contactId ? tx.select().from(contacts).where(eq(contacts.id, t.contactId)) : Promise.resolve([]),
    tx.select({ name: users.name, language: users.language }).from(users).where(eq(users.id, authorUserId)),
  ]);
  const base = (appUrl ?? "http://localhost:3000").replace(/\/+$/, "");
  return {
    "customer.salutation": contact ? salutationLine(contact, author?.language ?? "en") : null,
    "customer.firstName": contact?.firstName ?? null,
    "customer.lastName": contact?.lastName ?? null,
    "customer.name": contact?.name || [contact?.firstName, contact?.lastName].filter(Boolean).join(" ") || null,
    "customer.company": contact?.company ?? null,
    "customer.address": contact ? addressLines(contact) : null,
    "ticket.number": String(t.number),
    "ticket.subject": t.title,
    "ticket.link": `${base}/tickets/${t.id}`,
    "agent.name": author?.name ?? null,
  };
}

function assertPlaceholdersFine(rendered: RenderedText): void {
  if (rendered.unknown.length) throw invalid(`Unknown placeholder: {{${rendered.unknown[0]}}}. Choose one from “Insert placeholder”.`);
  if (hasBadPlaceholders(rendered)) throw invalid("A placeholder is not closed: write it as {{name}}.");
}

/**
 * An entry's text as it will be stored and sent, placeholders filled in; refused when one is
 * unknown or unclosed. With HTML (rich-text editor) the HTML is filled with escaped values
 * and then sanitised, and the plain text is made from it, so both parts say the same.
 */
export async function renderEntryBody(
  tx: DbOrTx,
  appUrl: string | undefined,
  t: Ticket,
  authorUserId: number,
  body: { text: string; html?: string | null },
): Promise<{ text: string; html: string | null }> {
  const values = await placeholderValues(tx, appUrl, t, authorUserId);
  if (!body.html) {
    const rendered = renderPlaceholders(body.text, values);
    assertPlaceholdersFine(rendered);
    return { text: rendered.text, html: null };
  }
  // Values are escaped for HTML (text and quoted attributes alike), and the sanitiser runs
  // last: a value can land in an attribute such as href, where escaping alone would let a
  // customer named "javascript:…" through.
  const escaped = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, v ? escapeHtml(v).replace(/\n/g, "<br>") : v]),
  ) as PlaceholderValues;
  const rendered = renderPlaceholders(body.html, escaped);
  assertPlaceholdersFine(rendered);
  const html = sanitizeMailHtml(rendered.text);
  return { text: htmlToPlainText(html), html };
}

/** The preview of a text before sending (D5): rendered, with empty and unknown placeholders named. */
export async function previewEntryText(db: DbOrTx, appUrl: string | undefined, actor: Actor, input: { ticketId: number; body: string }): Promise<RenderedText> {
  if (actor.kind !== "user") throw invalid("Only users write entries");
  const [t] = await db.select().from(tickets).where(eq(tickets.id, input.ticketId));
  if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
  return renderPlaceholders(input.body, await placeholderValues(db, appUrl, t, actor.userId));
}
