import { and, sql, type SQL } from "drizzle-orm";
import { contactEmails, contacts, organisations } from "../../../db/schema";

/**
 * Contact search in SQL (K1): every word of the query must occur somewhere in the contact —
 * name, first or last name, company, customer number, any of its addresses, phone or mobile
 * (also as bare digits), street, postal code, city, country, customer class, or its
 * organisation's name, number or address. Case does not matter.
 *
 * Each word is matched with ILIKE '%word%' against trigram (pg_trgm) GIN indexes: the
 * contact's generated `search_text`, every `contact_emails.email` and the organisation's
 * `search_text`. The three lookups are written as one UNION of contact ids, so that each
 * uses its own index (an OR across tables would scan every contact).
 */

export const MAX_SEARCH_WORDS = 6;

/** The query's words (at most six), each at most 100 characters. */
export function searchWords(query: string | null | undefined): string[] {
  return (query ?? "")
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_SEARCH_WORDS)
    .map((w) => w.slice(0, 100));
}

/** A LIKE pattern that finds `text` anywhere, with the wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** "+49 (30) 123-45" → "493012345": a word that looks like a phone number, as digits, or null. */
export function phoneDigits(word: string): string | null {
  if (!/^[\d+\-/().]+$/.test(word)) return null;
  const digits = word.replace(/\D/g, "");
  return digits.length >= 3 && digits !== word ? digits : null;
}

/** Contact ids that match one word anywhere (see above). */
function idsMatching(word: string): SQL {
  const p = containsPattern(word);
  const digits = phoneDigits(word);
  return sql`(
    select ${contacts.id} from ${contacts} where ${contacts.searchText} ilike ${p}
    ${digits ? sql`union all select ${contacts.id} from ${contacts} where ${contacts.searchText} ilike ${containsPattern(digits)}` : sql``}
    union all select ${contactEmails.contactId} from ${contactEmails} where ${contactEmails.email} ilike ${p}
    union all select ${contacts.id} from ${contacts} where ${contacts.organisationId} in (
      select ${organisations.id} from ${organisations} where ${organisations.searchText} ilike ${p}
    )
  )`;
}

/** The condition on `contacts` for a search; undefined for an empty query (everyone). */
export function contactSearchWhere(query: string | null | undefined): SQL | undefined {
  const words = searchWords(query);
  if (words.length === 0) return undefined;
  return and(...words.map((w) => sql`${contacts.id} in ${idsMatching(w)}`));
}

/** The condition on `organisations` for a search; undefined for an empty query. */
export function organisationSearchWhere(query: string | null | undefined): SQL | undefined {
  const words = searchWords(query);
  if (words.length === 0) return undefined;
  return and(...words.map((w) => sql`${organisations.searchText} ilike ${containsPattern(w)}`));
}

/**
 * Sort order: an exact hit on the whole query (an address or a customer number) first, then
 * by display name (the `contacts_sort_idx` expression), then id for a stable page order.
 */
export function contactOrder(query: string | null | undefined): SQL[] {
  const q = (query ?? "").trim().toLowerCase();
  const byName = [sql`lower(coalesce(${contacts.name}, ${contacts.email}))`, sql`${contacts.id}`];
  if (!q) return byName;
  const exact = sql`(exists (select 1 from ${contactEmails} where lower(${contactEmails.email}) = ${q} and ${contactEmails.contactId} = ${contacts.id})
    or lower(${contacts.customerNumber}) = ${q}) desc`;
  return [exact, ...byName];
}
