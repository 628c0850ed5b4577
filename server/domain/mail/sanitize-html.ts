import sanitize from "sanitize-html";

/**
 * Allowlist sanitiser for mail HTML: applied before storage and again before rendering.
 * Scripts, event handlers, forms, iframes and remote-loading tricks are removed; images
 * keep `cid:` (inline parts) and `data:` sources only, so opening a mail never calls home.
 */
const options: sanitize.IOptions = {
  allowedTags: [
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "div", "em", "font",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
  ],
  allowedAttributes: {
    a: ["href", "title"],
    img: ["src", "alt", "width", "height", "title"],
    td: ["colspan", "rowspan", "align", "valign"],
    th: ["colspan", "rowspan", "align", "valign"],
    table: ["border", "cellpadding", "cellspacing", "width"],
    font: ["color"],
    "*": ["dir", "lang"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["cid", "data"] },
  // Relative image paths survive only when they point at our own attachment route.
  // (an image whose remote source was already removed by the scheme filter goes as well).
  exclusiveFilter: (frame) => frame.tag === "img" && !/^(cid:|data:image\/|\/api\/attachments\/\d+$)/i.test(frame.attribs.src ?? ""),
  allowProtocolRelative: false,
  transformTags: {
    a: sanitize.simpleTransform("a", { target: "_blank", rel: "noopener noreferrer nofollow" }),
  },
};

export function sanitizeMailHtml(html: string): string {
  return sanitize(html, options);
}
