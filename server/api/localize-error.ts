import de from "../../messages/de.json";
import en from "../../messages/en.json";
import type { ErrorReason } from "../domain/errors";

export type Lang = "en" | "de";

/** The `lang` cookie the UI sets (app/_lib/lang.ts); English without it. */
export function langFromCookies(cookieHeader: string | undefined): Lang {
  return /(?:^|;\s*)lang=de(?:;|$)/.test(cookieHeader ?? "") ? "de" : "en";
}

const catalogs: Record<Lang, Record<string, string>> = { en, de };

/**
 * A domain refusal's text in the user's language, from the message files; the message the
 * error carries (for logs and API clients) where the refusal names no text.
 */
export function localizedMessage(message: string, reason: ErrorReason | undefined, lang: Lang): string {
  if (!reason) return message;
  return catalogText(lang, reason.key, reason.params) ?? message;
}

/** The text of a message key in a language with its {placeholders} filled, or null for an unknown key. */
export function catalogText(lang: Lang, key: string, params?: Record<string, string | number>): string | null {
  const text = catalogs[lang][key];
  if (!text) return null;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? String(params[name]) : m));
}
