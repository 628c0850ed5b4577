import { describe, expect, it } from "vitest";
import { CSV_FORMATS, csvCell, neutraliseFormula, toCsv, UTF8_BOM } from "./csv";

describe("CSV for spreadsheets", () => {
  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const bad of ["=1+1", "+49 30 1234", "-2", "@SUM(A1:A3)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://evil.test","x")']) {
      expect(neutraliseFormula(bad)).toBe(`'${bad}`);
    }
    for (const fine of ["Hello", "1+1", "a=b", " =x", "", "'quoted"]) expect(neutraliseFormula(fine)).toBe(fine);
  });

  it("quotes separators, quotes and line breaks, after neutralising", () => {
    const de = CSV_FORMATS.de;
    expect(csvCell('say "hi"; bye', de)).toBe('"say ""hi""; bye"');
    expect(csvCell("a,b", de)).toBe("a,b");
    expect(csvCell("a,b", CSV_FORMATS.en)).toBe('"a,b"');
    expect(csvCell("two\nlines", de)).toBe('"two\nlines"');
    expect(csvCell('=1;"x"', de)).toBe(`"'=1;""x"""`);
    expect(csvCell("\r=cmd", de)).toBe(`"'\r=cmd"`);
  });

  it("writes numbers with the locale's decimal mark and empty cells for null", () => {
    expect(csvCell(12.5, CSV_FORMATS.de)).toBe("12,5");
    expect(csvCell(12.5, CSV_FORMATS.en)).toBe("12.5");
    expect(csvCell(null, CSV_FORMATS.en)).toBe("");
  });

  it("starts with a UTF-8 byte-order mark and ends lines with CRLF", () => {
    const csv = toCsv([["Agent", "Note"], ["Jörg", "Grüße"]], CSV_FORMATS.de);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1)).toBe("Agent;Note\r\nJörg;Grüße\r\n");
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
