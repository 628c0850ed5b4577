import { describe, expect, it } from "vitest";
import { findMentions } from "./mentions";

const people = [
  { id: 1, name: "Agent 1", email: "agent1@demo.test" },
  { id: 10, name: "Agent 10", email: "agent10@demo.test" },
  { id: 2, name: "Anna", email: "anna@demo.test" },
  { id: 3, name: "Anna Berg", email: "berg@demo.test" },
];

describe("findMentions", () => {
  it("finds @Name and @address, case-insensitively", () => {
    expect(findMentions("Hi @agent 1, see this", people)).toEqual([1]);
    expect(findMentions("cc @AGENT10@demo.test.", people)).toEqual([10]);
    expect(findMentions("@Anna: please", people)).toEqual([2]);
  });

  it("needs the whole name: @Agent 1 is not @Agent 10, and the longer match wins", () => {
    expect(findMentions("@Agent 10 please", people)).toEqual([10]);
    expect(findMentions("@Agent 1 please", people)).toEqual([1]);
    expect(findMentions("@Anna Berg knows", people)).toEqual([3]);
    expect(findMentions("@Annabelle", people)).toEqual([]);
  });

  it("ignores addresses and @ in the middle of words", () => {
    expect(findMentions("write to someone@Anna", people)).toEqual([]);
    expect(findMentions("mail agent1@demo.test directly", people)).toEqual([]);
    expect(findMentions("@agent1@demo.test.com", people)).toEqual([]);
    expect(findMentions("no mentions here", people)).toEqual([]);
  });

  it("finds several, once each, across line breaks", () => {
    expect(findMentions("@Anna\n@Agent 1 and @anna again", people).sort()).toEqual([1, 2]);
    expect(findMentions("(@Agent\n1)", people)).toEqual([1]);
  });
});
