/**
 * Finding numbers people quote in mails: our ticket numbers (to thread a mail that lost its
 * headers) and the customer's own customer / order / invoice numbers (to show the agent).
 * Heuristics on free text, so they prefer missing a number to inventing one.
 */

const ticketTag = /\[\s*Ticket#\s*(\d{1,12})\s*\]/i;
const ticketTags = new RegExp(ticketTag.source, "gi");

/** The ticket number from a subject carrying `[Ticket#N]`, or null. */
export function ticketNumberFromSubject(subject: string | null | undefined): number | null {
  const m = subject ? ticketTag.exec(subject) : null;
  return m ? Number(m[1]) : null;
}

// "Ticket 10042", "Ticket-Nr. 10042", "Vorgangsnummer: 10042", "Nr. 10042", "ID #10042".
// A ticket word may stand alone only if it is "Ticket"; the others need a number word.
const keywordNumber =
  /(?<![\p{L}\p{N}])(?:(?<qual>ticket|vorgangs?|case|anfrage|request)(?:[-\s]?(?<suffix>nr|no|nummer|number|id))?|(?<bare>nr|no|nummer|number|id))(?!\p{L})[ \t.:#]{0,4}(?<n>[1-9]\d{3,11})(?!\d|[-./,:]\d|[ \t]\d)/giu;

// A bare "Nr/No/ID" qualified by one of these words is someone else's number.
const foreignQualifiers = new Set([
  "kunden", "kd", "customer", "client", "bestell", "bestellung", "order", "auftrag", "auftrags",
  "rechnung", "rechnungs", "invoice", "artikel", "art", "item", "part", "model", "modell",
  "serien", "serial", "tel", "telefon", "phone", "fax", "handy", "mobil", "mobile", "konto",
  "account", "steuer", "ust", "vat", "tax", "vertrag", "vertrags", "contract", "policy",
  "liefer", "lieferschein", "delivery", "sendung", "sendungs", "tracking", "haus", "house",
  "zimmer", "raum", "room", "mitglied", "mitglieds", "member", "personal", "employee",
  "lizenz", "license", "licence", "version", "build", "session", "user", "benutzer",
  "transaction", "device", "geräte", "gerät", "fehler", "error",
]);

function qualifiedByForeignWord(before: string): boolean {
  // "Kunden-Nr.", "Kd.-Nr.", "Session-ID": a hyphen compound that is not a ticket word.
  if (/\p{L}\.?-$/u.test(before)) return true;
  const word = /(\p{L}+)\.?[ \t]+$/u.exec(before)?.[1]?.toLowerCase();
  return word !== undefined && foreignQualifiers.has(word);
}

function numbersIn(text: string): number[] {
  const found: number[] = [];
  for (const m of text.matchAll(ticketTags)) found.push(Number(m[1]));
  for (const m of text.matchAll(keywordNumber)) {
    const g = m.groups!;
    if (g.qual && !g.suffix && g.qual.toLowerCase() !== "ticket") continue;
    if (g.bare && qualifiedByForeignWord(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    found.push(Number(g.n));
  }
  return found;
}

/**
 * Ticket number candidates, most confident first: `[Ticket#N]` then keyword forms in the
 * subject, then the same in the body. Keyword forms need at least four digits, no leading
 * zero, and no digit group after them, so dates, phone numbers and order numbers stay out.
 */
export function ticketNumbersIn(subject: string | null | undefined, body: string | null | undefined): number[] {
  const all = [...numbersIn(subject ?? ""), ...numbersIn(body ?? "")];
  return [...new Set(all)];
}

export interface ReferenceNumbers {
  customerNumber: string | null;
  orderNumber: string | null;
  invoiceNumber: string | null;
}

const numberWord = String.raw`(?:nummer|nr\.?|number|no\.?|id|#)`;
const labels: Record<keyof ReferenceNumbers, string> = {
  customerNumber: String.raw`kunden[-\s]?${numberWord}|kd\.?[-\s]?nr\.?|customer[-\s]?${numberWord}`,
  orderNumber: String.raw`bestell(?:ung)?[-\s]?${numberWord}|bestellung|auftrags?[-\s]?${numberWord}|order[-\s]?${numberWord}`,
  invoiceNumber: String.raw`rechnungs?[-\s]?${numberWord}|rechnung|invoice[-\s]?${numberWord}|invoice`,
};

// After the label: "Nr.: ", "#", or a verb ("lautet", "is"), then a token of letters and
// digits joined by single - / . _ (K-10442, 2026-11-0815, RE-2026-001), never ending in one.
const valueAfterLabel = String.raw`(?!\p{L})[ \t.:#]{0,4}(?:(?:lautet|ist|is|was|war)[ \t:]+)?(?<v>[A-Za-z0-9](?:[A-Za-z0-9]|[-/._](?=[A-Za-z0-9])){1,39})(?![A-Za-z0-9])`;

const referencePatterns = Object.fromEntries(
  Object.entries(labels).map(([key, label]) => [key, new RegExp(String.raw`(?<!\p{L})(?:${label})${valueAfterLabel}`, "giu")]),
) as Record<keyof ReferenceNumbers, RegExp>;

/** The first customer, order and invoice number quoted in the text (German or English labels). */
export function referenceNumbersIn(text: string | null | undefined): ReferenceNumbers {
  const pick = (re: RegExp): string | null => {
    for (const m of (text ?? "").matchAll(re)) {
      const v = m.groups!.v;
      if (/\d/.test(v) && v.length >= 3) return v;
    }
    return null;
  };
  return {
    customerNumber: pick(referencePatterns.customerNumber),
    orderNumber: pick(referencePatterns.orderNumber),
    invoiceNumber: pick(referencePatterns.invoiceNumber),
  };
}
