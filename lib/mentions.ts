/**
 * `@Name` and `@address` mentions in a text. A mention starts with "@" at the start of the
 * text or after something that is not part of an address (so "ann@example.com" mentions
 * nobody), and the name or address must end there (so "@Agent 1" is not "@Agent 10").
 * Where two people match at one place ("@Anna" and "@Anna Berg"), the longer one wins.
 */
export interface Mentionable {
  id: number;
  name: string;
  email: string;
}

const addressChar = /[\p{L}\p{N}_.+-]/u;
const nameContinues = /^[\p{L}\p{N}_@]/u;
const addressContinues = /^(?:[\p{L}\p{N}_@-]|\.[\p{L}\p{N}])/u;

const normalize = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").toLowerCase();

export function findMentions(text: string, people: Mentionable[]): number[] {
  if (!text.includes("@")) return [];
  const t = normalize(text);
  const handles = people.flatMap((p) => [
    { id: p.id, handle: normalize(p.email), continues: addressContinues },
    { id: p.id, handle: normalize(p.name).trim(), continues: nameContinues },
  ]).filter((h) => h.handle.length > 0);
  const found = new Set<number>();
  for (let i = t.indexOf("@"); i !== -1; i = t.indexOf("@", i + 1)) {
    if (i > 0 && addressChar.test(t[i - 1])) continue;
    const rest = t.slice(i + 1);
    let best: { id: number; length: number } | null = null;
    for (const h of handles) {
      if (!rest.startsWith(h.handle) || h.continues.test(rest.slice(h.handle.length))) continue;
      if (!best || h.handle.length > best.length) best = { id: h.id, length: h.handle.length };
    }
    if (best) found.add(best.id);
  }
  return [...found];
}
