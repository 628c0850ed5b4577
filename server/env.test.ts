import { describe, expect, it } from "vitest";
import { loadEnv } from "./env";

const valid = { DATABASE_URL: "postgres://u:p@127.0.0.1:5432/db", APP_SECRET: "x".repeat(40) };

describe("configuration", () => {
  it("accepts a minimal valid environment and fills in defaults", () => {
    const env = loadEnv(valid);
    expect(env.PORT).toBe(3000);
    expect(env.IMAP_MODE).toBe("idle");
  });

  it("names every wrong or missing setting", () => {
    expect(() => loadEnv({ APP_SECRET: "short", PORT: "99999" })).toThrow(/DATABASE_URL[\s\S]*APP_SECRET[\s\S]*PORT/);
    expect(() => loadEnv({ ...valid, MAIL_IMAP_URL: "http://x" })).toThrow(/MAIL_IMAP_URL: must start with imap/);
  });
});
