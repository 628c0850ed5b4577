import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outbox, ticketEntries } from "../../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../../db/testing/test-deps";
import { addInternalComment, replyToTicket } from "../conversation/entries";
import { updateTicketFields } from "./ticket-fields";
import { createTicket, getTicketRow } from "./tickets";

const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

describe("ticket kinds (C2, C3) and confidential tickets (C5)", () => {
  it("a new ticket is owned by its creator; a phone request records the call and mails nothing", async () => {
    const agent = await makeUser(deps);
    const t = await createTicket(deps, agent, { title: "Call", queueId, customerEmail: "caller@customer.test", body: "Rief an wegen Rechnung." });
    expect(t).toMatchObject({ kind: "phone", ownerId: agent.userId, createdById: agent.userId });
    expect(await getTicketRow(deps.db, agent, t.id)).toMatchObject({ createdByName: agent.name, ownerName: agent.name });
    expect(await deps.db.select().from(outbox).where(eq(outbox.ticketId, t.id))).toEqual([]);
    // Later replies go to the customer by mail.
    const reply = await replyToTicket(deps, agent, { ticketId: t.id, body: "Wir kümmern uns." });
    expect(reply.outboxId).not.toBeNull();
  });

  it("an internal ticket needs no customer, starts with a comment, never mails, and only its creator and owners talk", async () => {
    const creator = await makeUser(deps);
    const colleague = await makeUser(deps);
    const expert = await makeUser(deps);
    const t = await createTicket(deps, creator, { title: "Server move", queueId, kind: "internal", customerEmail: null, body: "Plan for Saturday" });
    expect(t).toMatchObject({ kind: "internal", contactId: null });
    const [first] = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.ticketId, t.id));
    expect(first.kind).toBe("internal_comment");
    await expect(replyToTicket(deps, creator, { ticketId: t.id, body: "to whom?" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(addInternalComment(deps, colleague, { ticketId: t.id, body: "me too" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A further owner talks like the owner.
    await updateTicketFields(deps, creator, { ticketId: t.id, coOwners: [{ userId: expert.userId, roleId: null }] });
    await expect(addInternalComment(deps, expert, { ticketId: t.id, body: "I'll do the cabling" })).resolves.toBeTruthy();
    // Colleagues still read it.
    expect((await getTicketRow(deps.db, colleague, t.id)).kind).toBe("internal");
  });

  it("refuses a customer ticket without a customer, and mail on an internal ticket", async () => {
    const agent = await makeUser(deps);
    await expect(createTicket(deps, agent, { title: "x", queueId, customerEmail: null, body: "x" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(
      createTicket(deps, agent, { title: "x", queueId, kind: "internal", customerEmail: null, body: "x", sendMail: { cc: [], bcc: [] } }),
    ).rejects.toMatchObject({ code: "INVALID" });
  });

  it("a confidential ticket sends no messages to the customer; comments still work", async () => {
    const agent = await makeUser(deps);
    const t = await createTicket(deps, agent, { title: "Secret", queueId, customerEmail: "vip@customer.test", body: "x" });
    await updateTicketFields(deps, agent, { ticketId: t.id, confidential: true });
    await expect(replyToTicket(deps, agent, { ticketId: t.id, body: "hello" })).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("confidential") });
    await expect(addInternalComment(deps, agent, { ticketId: t.id, body: "note" })).resolves.toBeTruthy();
  });
});
