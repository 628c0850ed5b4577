"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useI18n, type Lang } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";

/**
 * The language is chosen per user: once signed in, the stored choice wins over this browser's;
 * a later change in the header's language switch is stored for the user, so it follows them.
 * `stored`: undefined while loading, null when the user never chose.
 */
export function useUserLanguage(stored: Lang | null | undefined) {
  const { lang, setLang } = useI18n();
  const trpc = useTRPC();
  const { mutate } = useMutation(trpc.me.setLanguage.mutationOptions());
  const state = useRef<{ synced: boolean; applying: Lang | null; last: Lang | null }>({ synced: false, applying: null, last: null });

  useEffect(() => {
    const s = state.current;
    if (!s.synced) {
      if (stored === undefined) return;
      s.synced = true;
      s.last = stored;
      if (stored && stored !== lang) {
        s.applying = stored;
        setLang(stored);
      }
      return;
    }
    if (s.applying) {
      if (lang === s.applying) s.applying = null; // the stored language is on screen now
      return;
    }
    if (lang !== s.last) {
      s.last = lang;
      mutate({ language: lang });
    }
  }, [stored, lang, setLang, mutate]);
}
