/**
 * The readable text of editor HTML in the browser: block ends and line breaks become new
 * lines. Only a hint for checks before sending (the server makes the stored text itself).
 */
export function htmlText(html: string): string {
  if (!html) return "";
  const marked = html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/(p|div|li|h[1-6]|blockquote|pre)>/gi, "$&\n");
  const doc = new DOMParser().parseFromString(marked, "text/html");
  return (doc.body.textContent ?? "").replace(/\n{3,}/g, "\n\n").trim();
}
