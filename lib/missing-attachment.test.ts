import { describe, expect, it } from "vitest";
import { attachmentMention } from "./missing-attachment";

describe("attachmentMention", () => {
  it.each([
    ["Please find the invoice attached.", "attached"],
    ["See the attachment for details", "attachment"],
    ["I attach the log file", "attach"],
    ["Enclosed you will find the form.", "Enclosed"],
    ["Here is a SCREENSHOT of the error", "SCREENSHOT"],
    ["Two screenshots follow", "screenshots"],
  ])("finds English promises: %s", (text, word) => {
    expect(attachmentMention(text)).toBe(word);
  });

  it.each([
    ["Im Anhang finden Sie die Rechnung.", "Anhang"],
    ["Siehe Anlage.", "Anlage"],
    ["Die Anlagen sind vollständig.", "Anlagen"],
    ["Anbei das Protokoll", "Anbei"],
    ["Ich habe die Datei angehängt.", "angehängt"],
    ["Die beigefügte Rechnung", "beigefügte"],
    ["Beiliegend der Vertrag", "Beiliegend"],
    ["Hier ein Screenshot vom Fehler", "Screenshot"],
    ["Die Anhänge sind zu groß", "Anhänge"],
  ])("finds German promises: %s", (text, word) => {
    expect(attachmentMention(text)).toBe(word);
  });

  it.each([
    "Thanks, the printer works again.",
    "Our attaché will call you.",
    "Der Anhänger ist kaputt.",
    "Wir liefern an den Anlagenbau.",
    "Vielen Dank für Ihre Geduld!",
    "",
  ])("ignores text without a promise: %s", (text) => {
    expect(attachmentMention(text)).toBeNull();
  });

  it("ignores quoted lines", () => {
    expect(attachmentMention("Thanks, received.\n> Please see the attached file\n  > Anbei die Rechnung")).toBeNull();
    expect(attachmentMention("> quoted\nAnbei die Datei")).toBe("Anbei");
  });
});
