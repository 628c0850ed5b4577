import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outbox, tickets } from "../../../db/schema";
import { ensureSupportQueue, makeUser, testContext, testDeps } from "../../../db/testing/test-deps";
import { callOverHttp } from "../testing/call-over-http";
import { createCaller } from "../root";

const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

describe("ticket.create (C4: open a ticket by sending an e-mail)", () => {
  it("names each bad address beside its own field, and saves nothing", async () => {
    const agent = await makeUser(deps);
    const title = `Offer ${Date.now()}`;
    const r = await callOverHttp(deps, "ticket.create", {
      title, queueId, customerEmail: "first@customer.test", body: "Hello", sendMail: true,
      to: ["second@customer.test", "no-at-sign"], cc: ["ok@customer.test", "bad@", "also bad"], bcc: ["archive@helpdesk.test"],
    }, agent);
    expect(r.status).toBe(400);
    expect(r.error?.data.fieldErrors).toEqual({
      to: ["Not a valid e-mail address: no-at-sign"],
      cc: ["Not a valid e-mail address: bad@, also bad"],
    });
    expect(await deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.title, title))).toEqual([]);
  });

  it("refuses extra recipients when the text is not mailed", async () => {
    const agent = await makeUser(deps);
    const r = await callOverHttp(deps, "ticket.create", {
      title: "Call", queueId, customerEmail: "c@customer.test", body: "Called.", cc: ["boss@customer.test"],
    }, agent);
    expect(r.error?.data.fieldErrors).toEqual({ cc: ["Only used when the first text is sent as an e-mail"] });
  });

  it("queues one mail to all To addresses with CC and BCC", async () => {
    const caller = createCaller(testContext(deps, await makeUser(deps)));
    const t = await caller.ticket.create({
      title: "Offer", queueId, customerEmail: "first@customer.test", body: "Hello", sendMail: true,
      to: ["second@customer.test"], cc: ["boss@customer.test"], bcc: ["archive@helpdesk.test"],
    });
    const [mail] = await deps.db.select().from(outbox).where(eq(outbox.ticketId, t.id));
    expect(mail).toMatchObject({
      kind: "new_ticket", toEmails: ["first@customer.test", "second@customer.test"], ccEmails: ["boss@customer.test"], bccEmails: ["archive@helpdesk.test"],
    });
    // Without `sendMail` nothing is mailed.
    const quiet = await caller.ticket.create({ title: "Call", queueId, customerEmail: "q@customer.test", body: "Called." });
    expect(await deps.db.select().from(outbox).where(eq(outbox.ticketId, quiet.id))).toEqual([]);
  });
});
