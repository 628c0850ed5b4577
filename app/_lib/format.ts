/** Small display helpers; pure, no I/O. */

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

export function relativeTime(date: Date, now: number, lang: string): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const fmt = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  if (Math.abs(seconds) < 45) return fmt.format(0, "second");
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return fmt.format(Math.round(seconds / size), unit);
  }
  return fmt.format(seconds, "second");
}

export function dateTime(date: Date, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function fileSize(bytes: number, lang: string): string {
  const nf = (n: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${nf(bytes)} B`;
  if (bytes < 1024 * 1024) return `${nf(bytes / 1024)} KB`;
  return `${nf(bytes / 1024 / 1024)} MB`;
}

/** "Agent 1" → "A1", "Ada Admin" → "AA", "carla@example.test" → "C". */
export function initials(name: string): string {
  const words = name.trim().split(/[\s@._-]+/).filter(Boolean);
  if (words.length === 0) return "?";
  if (name.includes("@")) return words[0][0].toUpperCase();
  return words
    .slice(0, 2)
    .map((w) => w[0].toUpperCase())
    .join("");
}

/** A running timer: 192 000 ms → "03:12", 3 723 000 ms → "1:02:03". */
export function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

export function dateOnly(date: Date, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium" }).format(date);
}

/** 12345 cents → "123,45 €" (de) or "€123.45" (en). */
export function euros(cents: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: "currency", currency: "EUR" }).format(cents / 100);
}

/** "95", "95,5", "1.234,50", "95.50" → cents; null when it is not an amount. */
export function parseEuros(text: string): number | null {
  let s = text.replace(/[\s€]/g, "");
  if (!s) return null;
  // The last comma or point (followed by one or two digits) is the decimal mark; others group thousands.
  const m = /^(.*?)[.,](\d{1,2})$/.exec(s);
  const whole = (m ? m[1] : s).replace(/[.,]/g, "");
  s = m ? `${whole}.${m[2]}` : whole;
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

/** A date as the value of `<input type="date">`, in the browser's zone. */
export function dateInputValue(d: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** A date-and-time as the value of `<input type="datetime-local">`. */
export function dateTimeInputValue(d: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${dateInputValue(d)}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** Local midnight at the start of a `YYYY-MM-DD` day, or null. */
export function startOfDay(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}
