import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, testContext, testDeps } from "../../../db/testing/test-deps";
import { callOverHttp } from "../testing/call-over-http";
import { createCaller } from "../root";

const deps = testDeps();
const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let api: ReturnType<typeof createCaller>;
let user: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  user = await makeUser(deps, "backoffice", { queues: {}, rights: [] });
  api = createCaller(testContext(deps, user));
});
afterAll(() => deps.handle.close());

/** The field errors the browser would get for a failed mutation (over HTTP, through the error formatter). */
async function fieldErrorsOf(path: string, input: unknown): Promise<Record<string, string[]>> {
  const r = await callOverHttp(deps, path, input, user);
  expect(r.status).toBe(r.error?.data.code === "CONFLICT" ? 409 : 400);
  return (r.error?.data.fieldErrors ?? {}) as Record<string, string[]>;
}

describe("contact API", () => {
  it("any staff user, even a back-office user without ticket rights, keeps contacts", async () => {
    const created = await api.contact.create({ firstName: "Bea", lastName: "Back", emails: [{ email: `bea-${stamp}@customer.test`, primary: true }] });
    expect(created).toMatchObject({ name: "Bea Back", version: 1 });
    // Saving what is stored changes nothing, not even the version.
    const again = await api.contact.update({
      id: created.id, version: 1, firstName: "Bea", lastName: "Back", emails: [{ email: `bea-${stamp}@customer.test`, primary: true }],
    });
    expect(again.version).toBe(1);
    expect((await api.contact.tickets({ contactId: created.id })).items).toEqual([]);
  });

  it("names the field of each error: a bad address by its position, a taken one too", async () => {
    const taken = `taken-${stamp}@customer.test`;
    await api.contact.create({ emails: [{ email: taken, primary: true }] });
    expect(
      await fieldErrorsOf("contact.create", { phone: "call me", emails: [{ email: `ok-${stamp}@customer.test`, primary: true }, { email: "not an address", primary: false }] }),
    ).toMatchObject({ "emails.1": ["Enter a valid e-mail address"], phone: [expect.any(String)] });
    expect(await fieldErrorsOf("contact.create", { emails: [] })).toMatchObject({ emails: [expect.any(String)] });
    expect(
      await fieldErrorsOf("contact.create", { emails: [{ email: `new-${stamp}@customer.test`, primary: true }, { email: taken.toUpperCase(), primary: false }] }),
    ).toMatchObject({ "emails.1": [expect.stringContaining("another contact")] });
    expect(await fieldErrorsOf("contact.createOrganisation", { name: "  " })).toMatchObject({ name: [expect.any(String)] });
  });

  it("refuses merging a contact into itself as bad input", async () => {
    const c = await api.contact.create({ emails: [{ email: `self-${stamp}@customer.test`, primary: true }] });
    await expect(api.contact.merge({ survivorId: c.id, duplicateId: c.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("signed-out callers get nothing", async () => {
    const anonymous = createCaller(testContext(deps, null));
    await expect(anonymous.contact.search({ query: "" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
