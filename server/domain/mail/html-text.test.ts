import { describe, expect, it } from "vitest";
import { escapeHtml, htmlToPlainText } from "./html-text";

describe("htmlToPlainText", () => {
  it("keeps the paragraph spacing the ticket shows: Enter twice is one blank line, not three", () => {
    expect(htmlToPlainText("<p>Hallo</p><p></p><p>Zweiter<br>Zeile</p><p><br></p><p>Dritter</p>")).toBe("Hallo\n\nZweiter\nZeile\n\nDritter");
  });

  it("keeps paragraphs, lists and links readable, drops images", () => {
    const html = '<p>Hallo <strong>Frau Kaya</strong>,</p><ul><li>eins</li><li>zwei</li></ul><p><img src="cid:x">Siehe <a href="https://x.test/a">Link</a> &amp; mehr</p>';
    expect(htmlToPlainText(html)).toBe("Hallo Frau Kaya,\n\n * eins\n * zwei\n\nSiehe Link [https://x.test/a] & mehr");
  });
  it("escapes text for HTML", () => {
    expect(escapeHtml(`<b>"Tom" & 'Jerry'</b>`)).toBe("&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
  });
});
