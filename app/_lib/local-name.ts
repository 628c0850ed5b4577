/** The name to show in the user's language: the German one when set and wanted (queues, statuses, lists). */
export function localName(o: { name: string; nameDe: string | null }, lang: string): string {
  return lang === "de" && o.nameDe ? o.nameDe : o.name;
}
