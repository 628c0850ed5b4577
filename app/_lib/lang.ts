/** Language settings shared by the server layout and the client provider (no "use client" here). */
export const languages = ["en", "de"] as const;
export type Lang = (typeof languages)[number];
export const LANG_COOKIE = "lang";

export function parseLang(value: string | null | undefined): Lang {
  return value === "de" ? "de" : "en";
}
