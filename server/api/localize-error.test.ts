import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSupportQueue, makeUser, testDeps } from "../../db/testing/test-deps";
import { createTicket } from "../domain/tickets/tickets";
import { langFromCookies, localizedMessage } from "./localize-error";
import { callOverHttp } from "./testing/call-over-http";

const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

describe("refusals in the user's language", () => {
  it("reads the language from the UI's cookie", () => {
    expect(langFromCookies("a=1; lang=de; b=2")).toBe("de");
    expect(langFromCookies("lang=en")).toBe("en");
    expect(langFromCookies("xlang=de")).toBe("en");
    expect(langFromCookies(undefined)).toBe("en");
  });

  it("fills the text of a reason from the message files, and keeps the message without one", () => {
    const reason = { key: "errors.claimTaken", params: { name: "Agent 2" } } as const;
    expect(localizedMessage("Agent 2 owns this ticket already", reason, "de")).toBe("Agent 2 ist bereits für dieses Ticket verantwortlich.");
    expect(localizedMessage("Agent 2 owns this ticket already", reason, "en")).toBe("Agent 2 owns this ticket already.");
    expect(localizedMessage("Plain", undefined, "de")).toBe("Plain");
  });

  it("a procedure's refusal reaches a German user in German, an English one in English", async () => {
    const agent = await makeUser(deps);
    const t = await createTicket(deps, agent, { title: "Mine", queueId, customerEmail: "lang@customer.test", body: "x" });
    const de = await callOverHttp(deps, "ticket.claim", { ticketId: t.id }, agent, { lang: "de" });
    expect(de.error).toMatchObject({ message: "Sie sind bereits für dieses Ticket verantwortlich.", data: { code: "CONFLICT" } });
    const en = await callOverHttp(deps, "ticket.claim", { ticketId: t.id }, agent);
    expect(en.error?.message).toBe("You own this ticket already.");
  });
});
