import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

const secret = "s".repeat(40);

describe("secret box", () => {
  it("round-trips and never stores the plain text", () => {
    const sealed = sealSecret("hunter2", secret);
    expect(sealed).not.toContain("hunter2");
    expect(sealed.startsWith("v1:")).toBe(true);
    expect(openSecret(sealed, secret)).toBe("hunter2");
    expect(sealSecret("hunter2", secret)).not.toBe(sealed); // fresh IV each time
  });
  it("refuses a wrong key or tampered data", () => {
    const sealed = sealSecret("hunter2", secret);
    expect(() => openSecret(sealed, "t".repeat(40))).toThrow();
    const parts = sealed.split(":");
    parts[3] = Buffer.from("other").toString("base64");
    expect(() => openSecret(parts.join(":"), secret)).toThrow();
  });
});
