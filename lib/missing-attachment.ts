/**
 * Words that promise a file, in English and German, with the endings they take. Each is
 * matched as a whole word (letters on either side break the match), so "Anlagenbau",
 * "Anhänger" or "attaché" do not count.
 */
const promises = [
  "attach(?:ed|es|ing|ment|ments)?",
  "enclos(?:ed|ure|ures)",
  "screen ?shots?",
  "anh(?:ang|änge|ängen)",
  "anlagen?",
  "anbei",
  "angehängt(?:e|en|er|es)?",
  "beigefügt(?:e|en|er|es)?",
  "beiliegend(?:e|en|er|es)?",
  "bildschirmfotos?",
];
const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${promises.join("|")})(?![\\p{L}\\p{N}_])`, "iu");

/**
 * The first word in `text` that promises an attachment, or null. Quoted lines (starting with
 * ">", as in a quoted earlier mail) are ignored: the customer's "see attached" is not ours.
 */
export function attachmentMention(text: string): string | null {
  const own = text
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith(">"))
    .join("\n");
  return pattern.exec(own)?.[0] ?? null;
}
