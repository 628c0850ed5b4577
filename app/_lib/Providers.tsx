"use client";

import type { ReactNode } from "react";
import { I18nProvider } from "./i18n";
import type { Lang } from "./lang";
import { TRPCReactProvider } from "./trpc";

export function Providers({ lang, children }: { lang: Lang; children: ReactNode }) {
  return (
    <I18nProvider initialLang={lang}>
      <TRPCReactProvider>{children}</TRPCReactProvider>
    </I18nProvider>
  );
}
