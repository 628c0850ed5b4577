import { z, type ZodError } from "zod";
import type { Lang } from "./localize-error";
import { catalogText } from "./localize-error";

type Issue = z.core.$ZodIssue;

/** zod's own wording (its English locale, or its recognisable phrases): never shown to a person. */
function isLibraryText(issue: Issue): boolean {
  if (issue.message === z.locales.en().localeError(issue as never)) return true;
  // zod's phrases only: our own sentences may start with "Invalid" too ("Invalid regular expression: …").
  return /^(Too (big|small)|Invalid (input|option|string|number|key|element|value|email|URL|UUID|ISO|date|format)\b|Expected |Unrecognized key|Required$)|expected .*, received/.test(issue.message);
}

/** A generic text for an issue by its code and limit, when its schema named no text (F-errors). */
function byCode(issue: Issue): { key: string; params?: Record<string, string | number> } {
  switch (issue.code) {
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return { key: "errors.field.tooLong", params: { max } };
      if (issue.origin === "array" || issue.origin === "set") return { key: "errors.field.tooMany", params: { max } };
      return { key: "errors.field.tooBig", params: { max } };
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? { key: "errors.field.required" } : { key: "errors.field.tooShort", params: { min } };
      if (issue.origin === "array" || issue.origin === "set") return { key: "errors.field.required" };
      return { key: "errors.field.tooSmall", params: { min } };
    }
    case "invalid_format":
      return { key: issue.format === "email" ? "errors.field.email" : "errors.field.format" };
    case "invalid_type":
      // The input is not kept on the issue; zod's own text says what arrived.
      if (issue.expected === "int") return { key: "errors.field.wholeNumber" };
      return { key: /received (undefined|null)$/.test(issue.message) ? "errors.field.required" : "errors.field.invalid" };
    case "invalid_value":
      return { key: "errors.field.choice" };
    case "not_multiple_of":
      return { key: "errors.field.wholeNumber" };
    default:
      return { key: "errors.field.invalid" };
  }
}

/**
 * One issue's text in the request's language. A schema's message is a key of messages/*.json
 * ("errors.field.email"), filled with the issue's limit; an English sentence a schema still
 * carries is kept for English readers only; everything else (zod's own wording, English text
 * for a German reader) becomes a generic text by the issue's code, so raw library text never
 * reaches a user whatever a future schema forgets.
 */
export function issueText(issue: Issue, lang: Lang): string {
  const limits = {
    max: "maximum" in issue ? Number(issue.maximum) : "",
    min: "minimum" in issue ? Number(issue.minimum) : "",
  };
  const own = catalogText(lang, issue.message, limits);
  if (own) return own;
  if (lang === "en" && !isLibraryText(issue)) return issue.message;
  const generic = byCode(issue);
  return catalogText(lang, generic.key, generic.params) ?? issue.message;
}

/** zod's issues as field errors (top-level field → its messages) in the request's language. */
export function localizedFieldErrors(error: ZodError, lang: Lang): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    if (!issue.path.length) continue; // a rule about the whole input: the message says it
    const field = String(issue.path[0]);
    (out[field] ??= []).push(issueText(issue, lang));
  }
  return out;
}
