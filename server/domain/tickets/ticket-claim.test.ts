import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outbox, tickets, users } from "../../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../../db/testing/test-deps";
import { setSetting } from "../config/settings";
import { claimTicket } from "./ticket-claim";
import { updateTicketFields } from "./ticket-fields";
import { createTicket } from "./tickets";

const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(async () => {
  await setSetting(deps.db, "tickets.claimNotifiesCustomer", false);
  await deps.handle.close();
});

async function unownedTicket(customer: string) {
  const creator = await makeUser(deps);
  const t = await createTicket(deps, creator, { title: "Claim me", queueId, customerEmail: customer, body: "x" });
  await updateTicketFields(deps, creator, { ticketId: t.id, ownerId: null });
  return t;
}

describe("claiming a ticket (C10)", () => {
  it("two agents claim at once: one owns it, the other is told who was faster", async () => {
    const [a, b] = [await makeUser(deps), await makeUser(deps)];
    const t = await unownedTicket("claim-race@customer.test");
    const results = await Promise.allSettled([claimTicket(deps, a, t.id), claimTicket(deps, b, t.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [row] = await deps.db.select().from(tickets).where(eq(tickets.id, t.id));
    const loser = row.ownerId === a.userId ? b : a;
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ code: "CONFLICT", message: `${row.ownerId === a.userId ? a.name : b.name} owns this ticket already` });
    await expect(claimTicket(deps, loser, t.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("tells the customer when the setting says so, with the agent's name", async () => {
    const agent = await makeUser(deps);
    const t = await unownedTicket("claim-told@customer.test");
    await setSetting(deps.db, "tickets.claimMessage", "{agent} kümmert sich jetzt um Ihr Anliegen.");
    await setSetting(deps.db, "tickets.claimNotifiesCustomer", true);
    try {
      expect(await claimTicket(deps, agent, t.id)).toEqual({ notifiedCustomer: true });
    } finally {
      await setSetting(deps.db, "tickets.claimNotifiesCustomer", false);
    }
    const mails = await deps.db.select().from(outbox).where(eq(outbox.ticketId, t.id));
    expect(mails).toHaveLength(1);
    expect(mails[0].toEmails).toEqual(["claim-told@customer.test"]);
    expect(mails[0].bodyText).toContain(`${agent.name} kümmert sich jetzt um Ihr Anliegen.`);
  });

  it("without a text of the admin's, the customer gets the standard text in the claiming agent's language", async () => {
    const agent = await makeUser(deps);
    await deps.db.update(users).set({ language: "de" }).where(eq(users.id, agent.userId));
    const t = await unownedTicket("claim-standard@customer.test");
    await setSetting(deps.db, "tickets.claimMessage", null);
    await setSetting(deps.db, "tickets.claimNotifiesCustomer", true);
    try {
      await claimTicket(deps, agent, t.id);
    } finally {
      await setSetting(deps.db, "tickets.claimNotifiesCustomer", false);
    }
    const [mail] = await deps.db.select().from(outbox).where(eq(outbox.ticketId, t.id));
    expect(mail.bodyText).toContain(`${agent.name} kümmert sich jetzt um Ihr Anliegen und meldet sich bald bei Ihnen.`);
  });

  it("a reader cannot claim", async () => {
    const viewer = await makeUser(deps, "backoffice", { queues: { [queueId]: "manage" }, rights: ["ticket.view"] });
    const t = await unownedTicket("claim-viewer@customer.test");
    await expect(claimTicket(deps, viewer, t.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
