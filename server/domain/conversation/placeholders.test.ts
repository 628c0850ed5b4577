import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { contacts, fieldOptions, outbox, ticketEntries, users } from "../../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../../db/testing/test-deps";
import { addInternalComment, listEntries, listEntryTopics, replyToTicket } from "./entries";
import { previewEntryText } from "./placeholders";
import { createTicket } from "../tickets/tickets";

const deps = { ...testDeps(), appUrl: "https://desk.example.test/" };
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

async function ticketFor(email: string) {
  const agent = await makeUser(deps);
  const t = await createTicket(deps, agent, { title: "Drucker streikt", queueId, customerEmail: email, body: "Start" });
  await deps.db
    .update(contacts)
    .set({ salutation: "ms", firstName: "Aylin", lastName: "Kaya", name: "Aylin Kaya", company: null, street: "Hauptstr. 1", postalCode: "10115", city: "Berlin" })
    .where(eq(contacts.id, t.contactId!));
  return { agent, t };
}

describe("placeholders on a ticket (D5)", () => {
  it("the preview fills values in the writer's language and names the empty ones", async () => {
    const { agent, t } = await ticketFor(`kaya-${Date.now()}@customer.test`);
    await deps.db.update(users).set({ language: "de" }).where(eq(users.id, agent.userId));
    const r = await previewEntryText(deps.db, deps.appUrl, agent, {
      ticketId: t.id, body: "{{customer.salutation}},\n{{customer.company}}\n{{customer.address}}\n#{{ticket.number}} {{ticket.link}} {{agent.name}}",
    });
    expect(r.text).toBe(`Sehr geehrte Frau Kaya,\n\nHauptstr. 1\n10115 Berlin\n#${t.number} https://desk.example.test/tickets/${t.id} ${agent.name}`);
    expect(r.empty).toEqual(["customer.company"]);
  });

  it("a reply is stored and mailed with the final text; unknown placeholders are refused", async () => {
    const { agent, t } = await ticketFor(`kaya2-${Date.now()}@customer.test`);
    const { entryId } = await replyToTicket(deps, agent, { ticketId: t.id, body: "{{customer.salutation}}, zu {{ticket.subject}}: erledigt." });
    const [entry] = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.id, entryId));
    expect(entry.bodyText).toBe("Dear Ms Kaya, zu Drucker streikt: erledigt.");
    const [mail] = await deps.db.select().from(outbox).where(eq(outbox.entryId, entryId));
    expect(mail.bodyText.startsWith("Dear Ms Kaya, zu Drucker streikt: erledigt.")).toBe(true);

    await expect(replyToTicket(deps, agent, { ticketId: t.id, body: "Hi {{customer.shoeSize}}" })).rejects.toThrow(/Unknown placeholder/);
    await expect(addInternalComment(deps, agent, { ticketId: t.id, body: "Hi {{customer.name" })).rejects.toThrow(/not closed/);
  });

  it("an entry can be the solution and have a topic; inactive or foreign options are refused (D1, D4)", async () => {
    const { agent, t } = await ticketFor(`kaya3-${Date.now()}@customer.test`);
    const stamp = Date.now();
    const [topic] = await deps.db.insert(fieldOptions).values({ kind: "topic", name: `Hardware ${stamp}`, nameDe: `Geräte ${stamp}` }).returning();
    const [old] = await deps.db.insert(fieldOptions).values({ kind: "topic", name: `Old ${stamp}`, active: false }).returning();
    const [brand] = await deps.db.insert(fieldOptions).values({ kind: "brand", name: `Brand ${stamp}` }).returning();
    expect((await listEntryTopics(deps.db, agent)).map((o) => o.id)).toContain(topic.id);
    expect((await listEntryTopics(deps.db, agent)).map((o) => o.id)).not.toContain(old.id);

    const { entryId } = await addInternalComment(deps, agent, { ticketId: t.id, body: "Fixed by a new driver", isSolution: true, topicId: topic.id });
    const entry = (await listEntries(deps.db, agent, t.id)).find((e) => e.id === entryId)!;
    expect(entry).toMatchObject({ isSolution: true, topicId: topic.id, topicName: topic.name, topicNameDe: topic.nameDe });
    for (const bad of [old.id, brand.id]) {
      await expect(addInternalComment(deps, agent, { ticketId: t.id, body: "x", topicId: bad })).rejects.toThrow("Choose a topic from the list");
    }
  });

  it("a customer's name cannot smuggle a script link into the stored entry or the mail (issue 11.10)", async () => {
    const { agent, t } = await ticketFor(`kaya4-${Date.now()}@customer.test`);
    await deps.db.update(contacts).set({ name: "javascript:alert(document.cookie)", lastName: '"><img src=x onerror=alert(1)>' }).where(eq(contacts.id, t.contactId!));
    const { entryId } = await replyToTicket(deps, agent, {
      ticketId: t.id,
      body: "Hello",
      bodyHtml: '<p><a href="{{customer.name}}">profile</a> <a title="{{customer.lastName}}" href="https://ok.example/{{customer.lastName}}">x</a> {{customer.lastName}}</p>',
    });
    const [entry] = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.id, entryId));
    const [mail] = await deps.db.select().from(outbox).where(eq(outbox.entryId, entryId));
    for (const html of [entry.bodyHtml!, mail.bodyHtml!]) {
      expect(html).not.toMatch(/javascript:/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;"); // the name itself is kept, as text
    }
  });
});
