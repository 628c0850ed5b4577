import { describe, expect, it } from "vitest";
import {
  MAX_PATTERN_LENGTH, MAX_REGEX_SUBJECT_LENGTH, conditionMatches, matchRule, normalizeActions, regexError,
  ruleInputOf, validateRule, type MailRule, type MailRuleCondition, type MailRuleDraft, type RuleInput,
} from "./rules";

const mail: RuleInput = {
  from: "Billing@Vendor.example",
  to: ["support@helpdesk.test"],
  cc: ["boss@customer.test"],
  subject: "Rechnung 42 für März",
  text: "Hello,\nplease find attached invoice no. 42.\nRegards",
  headers: [
    ["Received", "from a"],
    ["Received", "from b"],
    ["X-Spam-Flag", "YES"],
    ["List-Id", "<news.vendor.example>"],
  ],
};

let nextId = 1;
function rule(over: Partial<MailRule> & { conditions: MailRuleCondition[] }): MailRule {
  const id = nextId++;
  return {
    id,
    name: `Rule ${id}`,
    position: id,
    active: true,
    match: "all",
    actions: { mode: "create" },
    createdAt: new Date(0),
    ...over,
  };
}

const cond = (field: string, op: MailRuleCondition["op"], value: string): MailRuleCondition => ({ field, op, value });
const matches = (c: MailRuleCondition, m: RuleInput = mail) => conditionMatches(c, m);

describe("conditions", () => {
  it("from: contains and equals ignore case; a mail without sender matches nothing", () => {
    expect(matches(cond("from", "contains", "@vendor.EXAMPLE"))).toBe(true);
    expect(matches(cond("from", "equals", "billing@vendor.example"))).toBe(true);
    expect(matches(cond("from", "equals", "vendor.example"))).toBe(false);
    expect(matches(cond("from", "contains", "other"))).toBe(false);
    expect(matches(cond("from", "regex", "^$"), { ...mail, from: null })).toBe(false);
  });

  it("to looks at every To and Cc address", () => {
    expect(matches(cond("to", "equals", "SUPPORT@helpdesk.test"))).toBe(true);
    expect(matches(cond("to", "equals", "boss@customer.test"))).toBe(true);
    expect(matches(cond("to", "regex", "^boss@"))).toBe(true);
    expect(matches(cond("to", "contains", "sales@"))).toBe(false);
    expect(matches(cond("to", "contains", "@"), { ...mail, to: [], cc: [] })).toBe(false);
  });

  it("subject: contains, equals (whole value, trimmed) and regex", () => {
    expect(matches(cond("subject", "contains", "rechnung"))).toBe(true);
    expect(matches(cond("subject", "contains", "MÄRZ"))).toBe(true);
    expect(matches(cond("subject", "equals", "Rechnung 42"))).toBe(false);
    expect(matches(cond("subject", "equals", " rechnung 42 für märz "))).toBe(true);
    expect(matches(cond("subject", "regex", "^Rechnung \\d+"))).toBe(true);
    expect(matches(cond("subject", "regex", "^\\d+"))).toBe(false);
  });

  it("body: contains and regex over the text", () => {
    expect(matches(cond("body", "contains", "INVOICE NO. 42"))).toBe(true);
    expect(matches(cond("body", "regex", "invoice no\\. \\d+\\.$"))).toBe(false); // no `m` flag: $ is the end
    expect(matches(cond("body", "regex", "invoice no\\. \\d+\\.\\nregards$"))).toBe(true);
    expect(matches(cond("body", "equals", "hello"))).toBe(false);
  });

  it("header: the name is case-insensitive, every occurrence counts, a missing header matches nothing", () => {
    expect(matches(cond("header:x-spam-flag", "equals", "yes"))).toBe(true);
    expect(matches(cond("header:X-SPAM-FLAG", "contains", "Y"))).toBe(true);
    expect(matches(cond("header:received", "equals", "from b"))).toBe(true);
    expect(matches(cond("header:List-Id", "regex", "<news\\."))).toBe(true);
    expect(matches(cond("header:X-Mailer", "regex", ".*"))).toBe(false);
    expect(matches(cond("header:X-Spam-Flag", "equals", "NO"))).toBe(false);
  });

  it("regex runs with the `i` flag only (no `g` state between mails)", () => {
    const c = cond("subject", "regex", "RECHNUNG");
    expect(matches(c)).toBe(true);
    expect(matches(c)).toBe(true); // a global regex would fail the second time
    expect(matches(cond("body", "regex", "^please"))).toBe(false); // no `m` flag
  });

  it("regex looks only at the first 100 000 characters of a field", () => {
    const long = { ...mail, text: `${"x".repeat(MAX_REGEX_SUBJECT_LENGTH)}NEEDLE` };
    expect(matches(cond("body", "regex", "needle"), long)).toBe(false);
    expect(matches(cond("body", "contains", "needle"), long)).toBe(true);
    const inside = { ...mail, text: `${"x".repeat(MAX_REGEX_SUBJECT_LENGTH - 6)}NEEDLE` };
    expect(matches(cond("body", "regex", "needle"), inside)).toBe(true);
  });

  it("a stored condition that is not valid never matches (and does not throw)", () => {
    expect(matches(cond("subject", "regex", "(["))).toBe(false);
    expect(matches(cond("sender", "contains", "a"))).toBe(false);
    expect(matches(cond("subject", "contains", "R".padEnd(MAX_PATTERN_LENGTH + 1, "x")))).toBe(false);
    expect(matches({ field: "subject", op: "startsWith" as "contains", value: "Rechnung" })).toBe(false);
  });
});

describe("matchRule", () => {
  it("all needs every condition, any needs one", () => {
    const conditions = [cond("subject", "contains", "rechnung"), cond("from", "contains", "nobody")];
    expect(matchRule([rule({ match: "all", conditions })], mail)).toBeNull();
    const any = rule({ match: "any", conditions });
    expect(matchRule([any], mail)?.rule.id).toBe(any.id);
    const both = rule({ match: "all", conditions: [conditions[0], cond("to", "contains", "helpdesk")] });
    expect(matchRule([both], mail)?.rule.id).toBe(both.id);
  });

  it("the first matching rule by position wins, whatever the array order", () => {
    const late = rule({ position: 5, conditions: [cond("subject", "contains", "42")], actions: { mode: "ignore" } });
    const early = rule({ position: 1, conditions: [cond("subject", "contains", "rechnung")], actions: { mode: "create", queueId: 2, priority: 4 } });
    const hit = matchRule([late, early], mail);
    expect(hit?.rule.id).toBe(early.id);
    expect(hit?.actions).toEqual({ mode: "create", queueId: 2, priority: 4 });
    const tieA = rule({ position: 0, conditions: [cond("subject", "contains", "42")] });
    const tieB = rule({ position: 0, conditions: [cond("subject", "contains", "42")] });
    expect(matchRule([tieB, tieA], mail)?.rule.id).toBe(tieA.id);
  });

  it("inactive rules are skipped", () => {
    const off = rule({ position: 0, active: false, conditions: [cond("subject", "contains", "rechnung")] });
    const on = rule({ position: 1, conditions: [cond("subject", "contains", "rechnung")] });
    expect(matchRule([off, on], mail)?.rule.id).toBe(on.id);
    expect(matchRule([off], mail)).toBeNull();
  });

  it("no rules, or a rule without conditions, match nothing", () => {
    expect(matchRule([], mail)).toBeNull();
    expect(matchRule([rule({ conditions: [] }), rule({ match: "any", conditions: [] })], mail)).toBeNull();
  });
});

describe("validateRule", () => {
  const ok: MailRuleDraft = {
    name: "Invoices",
    active: true,
    match: "all",
    conditions: [cond("subject", "contains", "Rechnung")],
    actions: { mode: "create", queueId: 1, statusId: 2, priority: 4, tags: ["billing"] },
  };
  const paths = (d: Partial<MailRuleDraft>) => validateRule({ ...ok, ...d }).map((e) => e.path);

  it("accepts a good rule", () => {
    expect(validateRule(ok)).toEqual([]);
    expect(paths({ conditions: [cond("header:X-Spam-Flag", "regex", "^yes$")] })).toEqual([]);
  });

  it("refuses an invalid regex with the engine's message on that condition", () => {
    const errors = validateRule({ ...ok, conditions: [cond("subject", "contains", "(["), cond("body", "regex", "([")] });
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe("conditions.1.value");
    expect(errors[0].message).toMatch(/^Invalid regular expression: /);
    expect(regexError("a(b")).toMatch(/Invalid regular expression/);
    expect(regexError("a(b)")).toBeNull();
  });

  it("caps the pattern length at 500", () => {
    expect(paths({ conditions: [cond("subject", "regex", "a".repeat(MAX_PATTERN_LENGTH))] })).toEqual([]);
    expect(paths({ conditions: [cond("subject", "regex", "a".repeat(MAX_PATTERN_LENGTH + 1))] })).toEqual(["conditions.0.value"]);
    expect(paths({ conditions: [cond("subject", "contains", "a".repeat(MAX_PATTERN_LENGTH + 1))] })).toEqual(["conditions.0.value"]);
  });

  it("needs a name, a condition, a known field and op and a value", () => {
    expect(paths({ name: "  " })).toEqual(["name"]);
    expect(paths({ conditions: [] })).toEqual(["conditions"]);
    expect(paths({ conditions: [cond("sender", "contains", "a")] })).toEqual(["conditions.0.field"]);
    expect(paths({ conditions: [cond("header:", "contains", "a")] })).toEqual(["conditions.0.field"]);
    expect(paths({ conditions: [cond("header:X Spam", "contains", "a")] })).toEqual(["conditions.0.field"]);
    expect(paths({ conditions: [cond("subject", "like" as "contains", "a")] })).toEqual(["conditions.0.op"]);
    expect(paths({ conditions: [cond("subject", "contains", "")] })).toEqual(["conditions.0.value"]);
  });

  it("checks priority 0–5 and at most 20 tags of at most 50 characters", () => {
    expect(paths({ actions: { mode: "create", priority: 0 } })).toEqual([]);
    expect(paths({ actions: { mode: "create", priority: 6 } })).toEqual(["actions.priority"]);
    expect(paths({ actions: { mode: "create", priority: 2.5 } })).toEqual(["actions.priority"]);
    expect(paths({ actions: { mode: "create", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } })).toEqual(["actions.tags"]);
    expect(paths({ actions: { mode: "create", tags: ["x".repeat(51)] } })).toEqual(["actions.tags"]);
    expect(paths({ actions: { mode: "delete" as "create" } })).toEqual(["actions.mode"]);
    expect(paths({ actions: { mode: "append", queueId: -1 } })).toEqual(["actions.queueId"]);
  });
});

describe("helpers", () => {
  it("normalizeActions trims and de-duplicates tags and keeps only the mode for ignore", () => {
    expect(normalizeActions({ mode: "append", tags: [" a ", "A", "b", " "] })).toEqual({ mode: "append", tags: ["a", "b"] });
    expect(normalizeActions({ mode: "ignore", queueId: 1, priority: 3, tags: ["x"] })).toEqual({ mode: "ignore" });
  });

  it("ruleInputOf maps a parsed mail, headers or not", () => {
    const parsed = { from: { address: "a@b.test", name: "A" }, to: ["x@y.test"], cc: [], subject: "S", text: "T" };
    expect(ruleInputOf(parsed)).toEqual({ from: "a@b.test", to: ["x@y.test"], cc: [], subject: "S", text: "T", headers: [] });
    expect(ruleInputOf({ ...parsed, from: null, headers: [["X-A", "1"]] })).toMatchObject({ from: null, headers: [["X-A", "1"]] });
  });
});
