import { describe, expect, it } from "vitest";
import { MAX_REASON_LENGTH, storable, storableReason, storableText } from "./storable-text";

describe("storableText", () => {
  it("drops NUL and lone surrogates, keeps pairs, other controls and the rest", () => {
    expect(storableText("a\0b\x01c")).toBe("ab\x01c");
    expect(storableText("x\uD800y\uDC00z")).toBe("xyz");
    expect(storableText("emoji 📦 ok")).toBe("emoji 📦 ok");
  });

  it("walks plain objects and arrays; Buffers and dates stay as they are", () => {
    const content = Buffer.from([0, 1, 0]);
    const date = new Date(0);
    const out = storable({ s: "a\0", list: ["\0b", ["c\0"]], nested: { n: 1, none: null }, content, date });
    expect(out).toEqual({ s: "a", list: ["b", ["c"]], nested: { n: 1, none: null }, content, date });
    expect(out.content).toBe(content);
  });
});

describe("storableReason", () => {
  it("is one storable line, cut to the limit without splitting a surrogate pair", () => {
    expect(storableReason(" could not\r\n be\0 stored\t ")).toBe("could not be stored");
    const long = storableReason(`${"x".repeat(MAX_REASON_LENGTH - 2)}📦📦`);
    expect(long.length).toBeLessThanOrEqual(MAX_REASON_LENGTH);
    expect(long).toBe(storableText(long));
    expect(long.endsWith("…")).toBe(true);
  });
});
