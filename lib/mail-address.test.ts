import { describe, expect, it } from "vitest";
import { normalizeMessageId, parseReferences, replySubject, ticketNumberFromSubject } from "./mail-address";

describe("mail header helpers", () => {
  it("normalises Message-IDs", () => {
    expect(normalizeMessageId(" <abc@x.test> ")).toBe("abc@x.test");
    expect(normalizeMessageId("<>")).toBeNull();
    expect(normalizeMessageId(undefined)).toBeNull();
  });
  it("splits References", () => {
    expect(parseReferences("<a@x> <b@y>\r\n <c@z>")).toEqual(["a@x", "b@y", "c@z"]);
    expect(parseReferences(["<a@x>", "<b@y>"])).toEqual(["a@x", "b@y"]);
  });
  it("finds [Ticket#N] in a subject", () => {
    expect(ticketNumberFromSubject("Re: [Ticket#10042] Printer")).toBe(10042);
    expect(ticketNumberFromSubject("AW: [ticket# 7 ] x")).toBe(7);
    expect(ticketNumberFromSubject("Ticket 10042")).toBeNull();
  });
  it("builds reply subjects with one tag", () => {
    expect(replySubject(10001, "Re: [Ticket#10001] Printer broken")).toBe("[Ticket#10001] Printer broken");
    expect(replySubject(5, "Hello")).toBe("[Ticket#5] Hello");
  });
});
