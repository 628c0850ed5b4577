import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { makeUser, testDeps } from "../../db/testing/test-deps";
import { issueText, localizedFieldErrors } from "./localize-zod";
import { callOverHttp } from "./testing/call-over-http";

/** zod's own English wording, which must never reach a person. */
const RAW_ZOD = /expected|received|Too big|Too small|Invalid input|Invalid email|Invalid string|<=|>=|Required/;

function issuesOf(schema: z.ZodType, value: unknown) {
  const r = schema.safeParse(value);
  if (r.success) throw new Error("expected a refusal");
  return r.error;
}

const cases: Array<[string, z.ZodType, unknown, { en: string; de: string }]> = [
  ["too long string", z.string().max(300), "x".repeat(301), { en: "Too long: at most 300 characters.", de: "Zu lang: höchstens 300 Zeichen." }],
  ["empty required string", z.string().min(1), "", { en: "This field is required.", de: "Dieses Feld ist ein Pflichtfeld." }],
  ["too short string", z.string().min(8), "abc", { en: "Too short: at least 8 characters.", de: "Zu kurz: mindestens 8 Zeichen." }],
  ["number too big", z.number().max(1440), 2000, { en: "At most 1440.", de: "Höchstens 1440." }],
  ["number too small", z.number().min(1), 0, { en: "At least 1.", de: "Mindestens 1." }],
  ["not an e-mail", z.string().email(), "nope", { en: "Enter a valid e-mail address.", de: "Geben Sie eine gültige E-Mail-Adresse ein." }],
  ["wrong format", z.string().regex(/^#\d+$/), "x", { en: "This value has the wrong format.", de: "Dieser Wert hat nicht das richtige Format." }],
  ["missing value", z.string(), undefined, { en: "This field is required.", de: "Dieses Feld ist ein Pflichtfeld." }],
  ["wrong type", z.number(), "12", { en: "This value is not valid.", de: "Dieser Wert ist ungültig." }],
  ["not an option", z.enum(["a", "b"]), "c", { en: "Choose one of the options.", de: "Wählen Sie eine der Möglichkeiten." }],
  ["too many entries", z.array(z.string()).max(2), ["a", "b", "c"], { en: "At most 2 entries.", de: "Höchstens 2 Einträge." }],
  ["not whole", z.number().int(), 1.5, { en: "Enter a whole number.", de: "Geben Sie eine ganze Zahl ein." }],
  ["a key from the schema", z.string().min(1, "errors.field.subjectRequired"), "", { en: "The subject is required.", de: "Der Betreff ist ein Pflichtfeld." }],
  ["a key with the limit", z.number().max(1440, "errors.field.maxHoursPerEntry"), 2000, { en: "At most 24 hours per entry.", de: "Höchstens 24 Stunden pro Eintrag." }],
];

describe("zod issues in the user's language", () => {
  for (const [name, schema, value, want] of cases) {
    it(`${name}: English and German, never zod's wording`, () => {
      const issue = issuesOf(schema, value).issues[0]!;
      expect(issueText(issue, "en")).toBe(want.en);
      expect(issueText(issue, "de")).toBe(want.de);
      expect(issueText(issue, "de")).not.toMatch(RAW_ZOD);
    });
  }

  it("an English sentence a schema still carries reaches English readers only", () => {
    const issue = issuesOf(z.string().min(1, "Enter the team's name"), "").issues[0]!;
    expect(issueText(issue, "en")).toBe("Enter the team's name");
    expect(issueText(issue, "de")).toBe("Dieses Feld ist ein Pflichtfeld.");
  });

  it("groups the texts by top-level field", () => {
    const error = issuesOf(z.object({ name: z.string().max(3), email: z.string().email() }), { name: "long", email: "x" });
    expect(localizedFieldErrors(error, "de")).toEqual({ name: ["Zu lang: höchstens 3 Zeichen."], email: ["Geben Sie eine gültige E-Mail-Adresse ein."] });
  });
});

describe("a procedure's input refusal over HTTP", () => {
  const deps = testDeps();
  afterAll(() => deps.handle.close());

  it("Invite user with a 300-character name says 'too long' in the reader's language, with no raw zod text", async () => {
    const admin = await makeUser(deps, "admin");
    const input = { name: "x".repeat(300), email: "no-address", role: "agent" };
    const de = await callOverHttp(deps, "user.invite", input, admin, { lang: "de" });
    expect(de.error?.data?.fieldErrors).toEqual({ name: ["Zu lang: höchstens 200 Zeichen."], email: ["Geben Sie eine gültige E-Mail-Adresse ein."] });
    expect(de.error?.message).not.toMatch(RAW_ZOD);
    const en = await callOverHttp(deps, "user.invite", input, admin);
    expect(en.error?.data?.fieldErrors?.name?.[0]).toMatch(/too long/i);
  });
});
