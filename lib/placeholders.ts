/**
 * Placeholders in an agent's text (D5), written `{{customer.lastName}}`. Rendering is pure:
 * the caller gathers the values. A placeholder whose value is missing renders empty and is
 * reported; an unknown or unclosed one is reported so the text is refused before it can reach
 * a customer with braces in it.
 */
export const placeholderNames = [
  "customer.salutation",
  "customer.firstName",
  "customer.lastName",
  "customer.name",
  "customer.company",
  "customer.address",
  "ticket.number",
  "ticket.subject",
  "ticket.link",
  "agent.name",
] as const;
export type PlaceholderName = (typeof placeholderNames)[number];
export type PlaceholderValues = Partial<Record<PlaceholderName, string | null>>;

export interface RenderedText {
  text: string;
  /** Known placeholders without a value: rendered empty. */
  empty: PlaceholderName[];
  /** `{{…}}` that is no placeholder: rendered empty, and a send is refused. */
  unknown: string[];
  /** A `{{` without its `}}` (left as written): a send is refused. */
  unclosed: boolean;
}

const isName = (s: string): s is PlaceholderName => (placeholderNames as readonly string[]).includes(s);
const uniq = <T,>(xs: T[]) => [...new Set(xs)];

export function renderPlaceholders(text: string, values: PlaceholderValues): RenderedText {
  const empty: PlaceholderName[] = [];
  const unknown: string[] = [];
  const rendered = text.replace(/\{\{([^{}]*)\}\}/g, (_whole, inner: string) => {
    const name = inner.trim();
    if (!isName(name)) {
      unknown.push(name);
      return "";
    }
    const value = values[name]?.trim();
    if (!value) empty.push(name);
    return value ?? "";
  });
  return { text: rendered, empty: uniq(empty), unknown: uniq(unknown), unclosed: rendered.includes("{{") };
}

/** Whether a text has anything a send must refuse. */
export const hasBadPlaceholders = (r: RenderedText) => r.unknown.length > 0 || r.unclosed;

export interface SalutationContact {
  salutation: "mr" | "ms" | "mx" | null;
  firstName: string | null;
  lastName: string | null;
  name: string | null;
}

/**
 * The opening of a letter, in the writer's language: "Sehr geehrte Frau Kaya", "Dear Mr Berg".
 * Without a known salutation or last name it falls back to a neutral form rather than guessing.
 */
export function salutationLine(c: SalutationContact, lang: "en" | "de"): string {
  const last = c.lastName?.trim();
  const full = [c.firstName?.trim(), last].filter(Boolean).join(" ") || c.name?.trim() || "";
  if (lang === "de") {
    if (last && c.salutation === "ms") return `Sehr geehrte Frau ${last}`;
    if (last && c.salutation === "mr") return `Sehr geehrter Herr ${last}`;
    return full ? `Guten Tag ${full}` : "Sehr geehrte Damen und Herren";
  }
  if (last && c.salutation === "ms") return `Dear Ms ${last}`;
  if (last && c.salutation === "mr") return `Dear Mr ${last}`;
  return full ? `Dear ${full}` : "Dear Sir or Madam";
}

/** Street, then postal code and city, then country, one per line; null when none is known. */
export function addressLines(a: { street: string | null; postalCode: string | null; city: string | null; country?: string | null }): string | null {
  const town = [a.postalCode?.trim(), a.city?.trim()].filter(Boolean).join(" ");
  const lines = [a.street?.trim(), town, a.country?.trim()].filter(Boolean);
  return lines.length ? lines.join("\n") : null;
}
