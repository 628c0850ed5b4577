import "./globals.css";
import type { ReactNode } from "react";
import { cookies } from "next/headers";
import { LANG_COOKIE, parseLang } from "./_lib/lang";
import { Providers } from "./_lib/Providers";

export const metadata = { title: "Help desk" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const lang = parseLang((await cookies()).get(LANG_COOKIE)?.value);
  return (
    <html lang={lang}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <Providers lang={lang}>{children}</Providers>
      </body>
    </html>
  );
}
