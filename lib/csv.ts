/**
 * CSV for spreadsheets. Excel needs a byte-order mark to read UTF-8, and it splits on the
 * list separator of the user's locale: ";" where the decimal mark is a comma (German), ","
 * elsewhere. The caller chooses both from the user's language.
 */

export type CsvValue = string | number | null | undefined;

export interface CsvFormat {
  separator: ";" | ",";
  decimalComma: boolean;
}

export const CSV_FORMATS = {
  de: { separator: ";", decimalComma: true },
  en: { separator: ",", decimalComma: false },
} as const satisfies Record<string, CsvFormat>;

export const UTF8_BOM = "\uFEFF";

/**
 * Text a spreadsheet would run as a formula (CSV injection: "=HYPERLINK(…)", "+1", "-1", "@SUM",
 * or those after a tab or carriage return) gets a leading apostrophe, so it is shown as text.
 */
const formulaStart = /^[=+\-@\t\r]/;
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** One cell: text is neutralised, then quoted when it holds the separator, a quote or a line break. */
export function csvCell(value: CsvValue, format: CsvFormat): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    // Numbers we format ourselves are never formulas; only the decimal mark follows the locale.
    const s = String(value);
    return format.decimalComma ? s.replace(".", ",") : s;
  }
  const text = neutraliseFormula(value);
  return /["\r\n]/.test(text) || text.includes(format.separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: BOM, one line per row, CRLF line ends (RFC 4180). */
export function toCsv(rows: readonly (readonly CsvValue[])[], format: CsvFormat): string {
  return UTF8_BOM + rows.map((row) => row.map((v) => csvCell(v, format)).join(format.separator)).join("\r\n") + "\r\n";
}
