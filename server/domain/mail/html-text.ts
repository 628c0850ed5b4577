import { convert } from "html-to-text";

/**
 * The plain-text part of an HTML text we wrote (rich-text editor): paragraphs as blank-line
 * separated blocks, list items with dashes, links with their address, images left out.
 */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: "img", format: "skip" },
      { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
      { selector: "h1", options: { uppercase: false } },
      { selector: "h2", options: { uppercase: false } },
      { selector: "h3", options: { uppercase: false } },
    ],
  })
    // An empty paragraph (Enter twice in the editor) adds no space on screen, where margins
    // collapse; so one blank line between paragraphs in the text part too, never three.
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text safe to put into HTML. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c]);
