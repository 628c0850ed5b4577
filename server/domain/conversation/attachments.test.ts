import { describe, expect, it } from "vitest";
import { sanitizeMailHtml } from "../mail/sanitize-html";
import { resolveInlineImages } from "./attachments";

describe("inline images", () => {
  it("points cid: images at their attachments and keeps unknown ones unresolved", () => {
    const html = `<p><img src="cid:logo@x"><img src='CID:Other@X'><img src="cid:missing"></p>`;
    const out = resolveInlineImages(html, [{ id: 7, contentId: "logo@x" }, { id: 8, contentId: "other@x" }]);
    expect(out).toBe(`<p><img src="/api/attachments/7"><img src='/api/attachments/8'><img src="cid:missing"></p>`);
  });

  it("the sanitiser keeps our attachment route and data: images, and drops other image sources", () => {
    const out = sanitizeMailHtml(
      `<img src="/api/attachments/7"><img src="/api/attachments/7/../../admin"><img src="https://tracker.test/p.gif"><img src="/etc/passwd"><img src="data:image/png;base64,AAAA">`,
    );
    expect(out).toBe(`<img src="/api/attachments/7" /><img src="data:image/png;base64,AAAA" />`);
  });
});
