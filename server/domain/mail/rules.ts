import type { MailRuleActions, MailRuleCondition, mailRules } from "../../../db/schema";

/**
 * The rule-based mail filter (G8), pure: no I/O. Ingest loads the active rules
 * (`loadActiveRules` in rules-store.ts) and asks `matchRule` which one applies to a mail;
 * the first matching active rule in position order wins.
 */

export type MailRule = typeof mailRules.$inferSelect;
export type { MailRuleActions, MailRuleCondition };

/** What a rule looks at. `from` is the sender's address; `to` rules look at To and Cc. */
export interface RuleInput {
  from: string | null;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  headers: [string, string][];
}

export const RULE_FIELDS = ["from", "to", "subject", "body"] as const;
export const RULE_OPS = ["contains", "equals", "regex"] as const;
export const RULE_MODES = ["create", "append", "ignore"] as const;
export const RULE_MATCH = ["all", "any"] as const;
export type RuleOp = (typeof RULE_OPS)[number];
export type RuleMode = (typeof RULE_MODES)[number];

/** Longest pattern (or value) a condition may have. */
export const MAX_PATTERN_LENGTH = 500;
/** A regex only ever sees this many characters of a field, so a bad pattern cannot run for long. */
export const MAX_REGEX_SUBJECT_LENGTH = 100_000;
export const MAX_HEADER_NAME_LENGTH = 100;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 50;
export const MIN_PRIORITY = 0;
export const MAX_PRIORITY = 5;
/** Every regex runs case-insensitively; no other flags (no `g`, so `test` keeps no state). */
export const REGEX_FLAGS = "i";

const HEADER_PREFIX = "header:";
/** RFC 5322 field names: printable US-ASCII except the colon. */
const HEADER_NAME = /^[!-9;-~]+$/;

/** The header name of a `header:<Name>` field, or null for the other fields. */
export function headerNameOf(field: string): string | null {
  return field.toLowerCase().startsWith(HEADER_PREFIX) ? field.slice(HEADER_PREFIX.length) : null;
}

/** Why a condition's `field` is not usable, or null when it is. */
export function fieldError(field: string): string | null {
  if ((RULE_FIELDS as readonly string[]).includes(field)) return null;
  const name = headerNameOf(field);
  if (name === null) return "Choose from, to, subject, body or a header";
  if (name.length === 0) return "Enter the header name";
  if (name.length > MAX_HEADER_NAME_LENGTH) return `A header name has at most ${MAX_HEADER_NAME_LENGTH} characters`;
  if (!HEADER_NAME.test(name)) return "A header name has no spaces or colons";
  return null;
}

/** The JavaScript engine's own message for an invalid pattern, or null when it compiles. */
export function regexError(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `A pattern has at most ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, REGEX_FLAGS);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

// Rules are few and their patterns change rarely: compile each pattern once.
const compiled = new Map<string, RegExp | null>();
function compile(pattern: string): RegExp | null {
  let re = compiled.get(pattern);
  if (re !== undefined) return re;
  re = regexError(pattern) === null ? new RegExp(pattern, REGEX_FLAGS) : null;
  if (compiled.size >= 1000) compiled.clear();
  compiled.set(pattern, re);
  return re;
}

/** The values a field has in a mail: none when absent, several for To/Cc or a repeated header. */
export function fieldValues(field: string, mail: RuleInput): string[] {
  switch (field) {
    case "from":
      return mail.from === null ? [] : [mail.from];
    case "to":
      return [...mail.to, ...mail.cc];
    case "subject":
      return [mail.subject];
    case "body":
      return [mail.text];
  }
  const name = headerNameOf(field)?.toLowerCase();
  if (!name) return [];
  return mail.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
}

function valueMatches(op: string, pattern: string, value: string): boolean {
  switch (op) {
    case "contains":
      return value.toLowerCase().includes(pattern.toLowerCase());
    case "equals":
      return value.trim().toLowerCase() === pattern.trim().toLowerCase();
    case "regex": {
      const re = compile(pattern);
      return re !== null && re.test(value.slice(0, MAX_REGEX_SUBJECT_LENGTH));
    }
    default:
      return false;
  }
}

/** True when any of the field's values matches. A stored condition that is not valid never matches. */
export function conditionMatches(condition: MailRuleCondition, mail: RuleInput): boolean {
  if (fieldError(condition.field) !== null || condition.value.length > MAX_PATTERN_LENGTH) return false;
  return fieldValues(condition.field, mail).some((v) => valueMatches(condition.op, condition.value, v));
}

/** Whether one rule's conditions hold (`all` or `any`); a rule without conditions never matches. */
export function ruleMatches(rule: Pick<MailRule, "match" | "conditions">, mail: RuleInput): boolean {
  if (rule.conditions.length === 0) return false;
  return rule.match === "any"
    ? rule.conditions.some((c) => conditionMatches(c, mail))
    : rule.conditions.every((c) => conditionMatches(c, mail));
}

/** The first active rule (by position, then id) whose conditions hold, with its actions; else null. */
export function matchRule(rules: MailRule[], mail: RuleInput): { rule: MailRule; actions: MailRuleActions } | null {
  const ordered = [...rules].sort((a, b) => a.position - b.position || a.id - b.id);
  for (const rule of ordered) {
    if (rule.active && ruleMatches(rule, mail)) return { rule, actions: rule.actions };
  }
  return null;
}

/** The parts of a parsed mail (parse-mail.ts) a rule needs; `headers` may be missing. */
export interface RuleMailSource {
  from: { address: string } | null;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  headers?: [string, string][];
}

export function ruleInputOf(mail: RuleMailSource): RuleInput {
  return {
    from: mail.from?.address ?? null,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    text: mail.text,
    headers: mail.headers ?? [],
  };
}

/** A rule as an admin writes it. */
export interface MailRuleDraft {
  name: string;
  active: boolean;
  match: "all" | "any";
  conditions: MailRuleCondition[];
  actions: MailRuleActions;
}

/** A problem with one field of a draft; `path` is dotted, e.g. `conditions.1.value`. */
export interface RuleFieldError {
  path: string;
  message: string;
}

/** Why a condition cannot be saved, field by field (path relative to the condition). */
export function conditionErrors(c: MailRuleCondition): RuleFieldError[] {
  const errors: RuleFieldError[] = [];
  const field = fieldError(c.field);
  if (field) errors.push({ path: "field", message: field });
  if (!(RULE_OPS as readonly string[]).includes(c.op)) errors.push({ path: "op", message: "Choose contains, equals or regex" });
  if (c.value.length === 0) errors.push({ path: "value", message: "Enter a value" });
  else if (c.value.length > MAX_PATTERN_LENGTH) {
    errors.push({ path: "value", message: `A value has at most ${MAX_PATTERN_LENGTH} characters` });
  } else if (c.op === "regex") {
    const re = regexError(c.value);
    if (re) errors.push({ path: "value", message: re });
  }
  return errors;
}

/** Why actions cannot be saved (queue/status existence is checked by the store). */
export function actionErrors(a: MailRuleActions): RuleFieldError[] {
  const errors: RuleFieldError[] = [];
  if (!(RULE_MODES as readonly string[]).includes(a.mode)) errors.push({ path: "mode", message: "Choose create, append or ignore" });
  for (const key of ["queueId", "statusId"] as const) {
    const v = a[key];
    if (v !== undefined && !(Number.isInteger(v) && v > 0)) errors.push({ path: key, message: "Choose one from the list" });
  }
  if (a.priority !== undefined && !(Number.isInteger(a.priority) && a.priority >= MIN_PRIORITY && a.priority <= MAX_PRIORITY)) {
    errors.push({ path: "priority", message: `A priority is a whole number from ${MIN_PRIORITY} to ${MAX_PRIORITY}` });
  }
  if (a.tags !== undefined) {
    if (a.tags.length > MAX_TAGS) errors.push({ path: "tags", message: `At most ${MAX_TAGS} tags` });
    const bad = a.tags.find((t) => t.trim().length === 0 || t.length > MAX_TAG_LENGTH);
    if (bad !== undefined) errors.push({ path: "tags", message: `Each tag has 1 to ${MAX_TAG_LENGTH} characters` });
  }
  return errors;
}

/** Every problem with a draft, by dotted path; empty when it can be saved. */
export function validateRule(draft: MailRuleDraft): RuleFieldError[] {
  const errors: RuleFieldError[] = [];
  if (draft.name.trim().length === 0) errors.push({ path: "name", message: "Name is required" });
  if (!(RULE_MATCH as readonly string[]).includes(draft.match)) errors.push({ path: "match", message: "Choose all or any" });
  if (draft.conditions.length === 0) errors.push({ path: "conditions", message: "Add at least one condition" });
  draft.conditions.forEach((c, i) => {
    for (const e of conditionErrors(c)) errors.push({ path: `conditions.${i}.${e.path}`, message: e.message });
  });
  for (const e of actionErrors(draft.actions)) errors.push({ path: `actions.${e.path}`, message: e.message });
  return errors;
}

/**
 * The actions as stored: trimmed, de-duplicated tags; nothing but the mode for `ignore`
 * (no ticket is made, so queue, status, priority and tags would mean nothing).
 */
export function normalizeActions(a: MailRuleActions): MailRuleActions {
  if (a.mode === "ignore") return { mode: "ignore" };
  const out: MailRuleActions = { mode: a.mode };
  if (a.queueId !== undefined) out.queueId = a.queueId;
  if (a.statusId !== undefined) out.statusId = a.statusId;
  if (a.priority !== undefined) out.priority = a.priority;
  if (a.tags !== undefined) {
    const seen = new Set<string>();
    const tags = a.tags.map((t) => t.trim()).filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
    if (tags.length > 0) out.tags = tags;
  }
  return out;
}
