"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import en from "@/messages/en.json";
import de from "@/messages/de.json";

import { LANG_COOKIE, languages, parseLang, type Lang } from "./lang";

export { languages, type Lang };
export type MessageKey = keyof typeof en;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Both catalogs must have every key of the English one (checked by the compiler). */
const catalogs: Record<Lang, Record<MessageKey, string>> = { en, de };

function interpolate(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

interface I18n {
  lang: Lang;
  t: Translate;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | null>(null);

/** The language comes from the `lang` cookie (read by the root layout) or localStorage. */
export function I18nProvider({ initialLang, children }: { initialLang: Lang; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    document.cookie = `${LANG_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    try {
      localStorage.setItem(LANG_COOKIE, next);
    } catch {
      // storage may be disabled; the cookie is enough
    }
  }, []);

  // A language kept only in localStorage (cookie cleared) still wins over the default.
  useEffect(() => {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(LANG_COOKIE);
    } catch {
      stored = null;
    }
    if (stored && parseLang(stored) !== initialLang && !document.cookie.includes(`${LANG_COOKIE}=`)) {
      setLang(parseLang(stored));
    }
  }, [initialLang, setLang]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const catalog = catalogs[lang];
    return { lang, setLang, t: (key, vars) => interpolate(catalog[key] ?? catalogs.en[key] ?? key, vars) };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}
