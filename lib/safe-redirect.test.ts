import { describe, expect, it } from "vitest";
import { afterSignInPath, sameOriginPath } from "./safe-redirect";

const origin = "http://localhost:3000";

describe("sameOriginPath: where sign-in may send the user", () => {
  it("keeps paths of this origin, with query and hash", () => {
    expect(sameOriginPath("/tickets/12?tab=history#e5", origin)).toBe("/tickets/12?tab=history#e5");
    expect(sameOriginPath("/admin/users", origin)).toBe("/admin/users");
    expect(sameOriginPath("http://localhost:3000/contacts", origin)).toBe("/contacts");
    expect(sameOriginPath("tickets", origin)).toBe("/tickets");
  });

  it("falls back when nothing is given; after sign-in never to the sign-in page again", () => {
    expect(sameOriginPath(null, origin)).toBe("/tickets");
    expect(sameOriginPath("", origin)).toBe("/tickets");
    expect(sameOriginPath(undefined, origin, "/home")).toBe("/home");
    expect(sameOriginPath("/login", origin)).toBe("/login");
    expect(afterSignInPath("/login?next=/x", origin)).toBe("/tickets");
    expect(afterSignInPath("/.//login", origin)).toBe("/tickets");
    expect(afterSignInPath("/tickets/3", origin)).toBe("/tickets/3");
    expect(afterSignInPath("/\\evil.host", origin)).toBe("/tickets");
  });

  // As the login page receives them: URLSearchParams has already decoded %5C, %09 and so on.
  const bypasses = [
    "//evil.host/x",
    "///evil.host/x",
    "/\\evil.host/x",
    "\\\\evil.host/x",
    "/\\/evil.host",
    "/\t/evil.host/x",
    "/\n/evil.host",
    "\t//evil.host",
    " //evil.host",
    "https:evil.host",
    "https://evil.host",
    "http://localhost:3000@evil.host/",
    "http://localhost:3001/",
    "https://localhost:3000/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http:\\\\evil.host",
    "//%09/evil.host",
    "http://[::1",
  ];
  it.each(bypasses)("refuses %j", (next) => {
    expect(sameOriginPath(next, origin)).toBe("/tickets");
  });

  it("refuses the raw spellings from the issue after the browser's query decoding", () => {
    for (const raw of ["/%5Cevil.host/x", "/%09/evil.host/x", "%2F%2Fevil.host", "/%5C%5Cevil.host"]) {
      const next = new URLSearchParams(`next=${raw}`).get("next");
      expect(sameOriginPath(next, origin)).toBe("/tickets");
    }
  });

  it("never answers a path that starts with two slashes", () => {
    for (const next of ["/.//evil.host", "/..//evil.host", "/x/..//evil.host", "/%2E//evil.host"]) {
      const path = sameOriginPath(next, origin);
      expect(path.startsWith("//")).toBe(false);
      expect(new URL(path, origin).origin).toBe(origin);
    }
  });
});
