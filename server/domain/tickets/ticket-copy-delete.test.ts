import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, fieldOptions, inboundMails, statuses, ticketEntries, tickets } from "../../../db/schema";
import { ensureQueue } from "../../../db/seed";
import { makeUser, testDeps } from "../../../db/testing/test-deps";
import { listEntries } from "../conversation/entries";
import { ingestRawMail } from "../mail/ingest";
import { copyTicket } from "./ticket-copy";
import { deleteTicket } from "./ticket-delete";
import { listTicketHistory } from "./ticket-history";
import { mergeTickets } from "./ticket-merge";
import { changeStatus, createTicket } from "./tickets";
import { updateTicketFields } from "./ticket-fields";

const deps = testDeps();
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
let queue: number;
beforeAll(async () => {
  queue = await ensureQueue(deps.db, `Copy ${stamp}`, 87);
});
afterAll(() => deps.handle.close());

type Agent = Awaited<ReturnType<typeof makeUser>>;
const newTicket = (actor: Agent, title = "Ticket") =>
  createTicket(deps, actor, { title: `${title} ${stamp}`, queueId: queue, customerEmail: `copy-${stamp}@customer.test`, body: `${title} first` });

describe("copying a ticket (C8)", () => {
  it("copies the fields and the first text; the copier owns the copy; no Message-ID travels", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [queue]: "manage" } });
    const copier = await makeUser(deps, "agent", { queues: { [queue]: "manage" } });
    const [brand] = await deps.db.insert(fieldOptions).values({ kind: "brand", name: `Brand ${stamp}` }).returning();
    const original = await newTicket(agent, "Original");
    await deps.db.update(tickets).set({ priority: 4, tags: ["vip"], brandId: brand.id, externalRef: "PO-7", billable: true }).where(eq(tickets.id, original.id));
    await deps.db.update(ticketEntries).set({ messageId: `orig-${stamp}@desk.test` }).where(eq(ticketEntries.ticketId, original.id));
    const copy = await copyTicket(deps, copier, { ticketId: original.id, title: `Copy of Original ${stamp}` });
    const [row] = await deps.db.select().from(tickets).where(eq(tickets.id, copy.id));
    expect(row).toMatchObject({
      title: `Copy of Original ${stamp}`, queueId: queue, priority: 4, tags: ["vip"], brandId: brand.id, externalRef: "PO-7", billable: true,
      contactId: original.contactId, ownerId: copier.userId, createdById: copier.userId, parentId: null, mergedIntoId: null,
    });
    expect(row.number).not.toBe(original.number);
    const entries = await listEntries(deps.db, copier, copy.id);
    expect(entries.map((e) => [e.kind, e.kind === "system_event" ? e.meta : e.bodyText])).toEqual([
      ["agent_message", "Original first"],
      ["system_event", { structure: "copiedFrom", number: original.number }],
    ]);
    const [stored] = await deps.db.select().from(ticketEntries).where(and(eq(ticketEntries.ticketId, copy.id), eq(ticketEntries.kind, "agent_message")));
    expect(stored.messageId).toBeNull();
  });

  it("needs the right to create tickets in the queue", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [queue]: "manage" } });
    const reader = await makeUser(deps, "agent", { queues: { [queue]: "read_own" } });
    const t = await newTicket(agent);
    await deps.db.update(tickets).set({ ownerId: reader.userId }).where(eq(tickets.id, t.id));
    await expect(copyTicket(deps, reader, { ticketId: t.id, title: "Copy" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("deleting a ticket (C8)", () => {
  it("needs the delete right; records an audit entry; keeps mail records without a link; announces it", async () => {
    const manager = await makeUser(deps, "agent", { queues: { [queue]: "manage" } });
    const writer = await makeUser(deps, "agent", { queues: { [queue]: "write" } });
    const noDelete = await makeUser(deps, "backoffice", { queues: { [queue]: "manage" }, rights: ["ticket.view", "ticket.update"] });
    const raw = Buffer.from(`From: del-${stamp}@customer.test\r\nTo: support@helpdesk.test\r\nSubject: Delete me ${stamp}\r\nMessage-ID: <del-${stamp}@customer.test>\r\n\r\nx`);
    const mailed = await ingestRawMail(deps, { source: "file", raw });
    await deps.db.update(tickets).set({ queueId: queue, ownerId: writer.userId }).where(eq(tickets.id, mailed.ticketId!));
    const t = { id: mailed.ticketId! };
    await expect(deleteTicket(deps, noDelete, { ticketId: t.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // write is below delete_own: even an own ticket may not be deleted.
    await expect(deleteTicket(deps, writer, { ticketId: t.id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    // A ticket merged into it becomes a plain ticket again.
    const merged = await newTicket(manager, "Merged");
    await mergeTickets(deps, manager, { sourceId: merged.id, targetId: t.id });
    deps.events.length = 0;
    await deleteTicket(deps, manager, { ticketId: t.id });
    expect(await deps.db.select().from(tickets).where(eq(tickets.id, t.id))).toEqual([]);
    const [inbound] = await deps.db.select().from(inboundMails).where(eq(inboundMails.id, mailed.inboundMailId!));
    expect(inbound).toMatchObject({ ticketId: null, entryId: null });
    const [audit] = await deps.db.select().from(auditLog).where(and(eq(auditLog.entity, "ticket"), eq(auditLog.entityId, String(t.id))));
    expect(audit).toMatchObject({ action: "delete", actorUserId: manager.userId });
    const [m] = await deps.db.select().from(tickets).where(eq(tickets.id, merged.id));
    expect(m.mergedIntoId).toBeNull();
    expect(deps.events).toEqual([
      expect.objectContaining({ type: "ticket.changed", ticketId: t.id, queueId: queue }),
      { type: "ticket.access.changed", ticketId: t.id }, // its open pages are emptied
    ]);
  });
});

describe("change history (C8)", () => {
  it("lists status changes and edit-form changes with names; 'status only' filters", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [queue]: "manage" } });
    const t = await newTicket(agent, "History");
    const all = await deps.db.select().from(statuses).where(eq(statuses.queueId, queue));
    const open = all.find((s) => s.category === "open")!;
    await changeStatus(deps, agent, { ticketId: t.id, statusId: open.id });
    await updateTicketFields(deps, agent, { ticketId: t.id, priority: 5 });
    const history = await listTicketHistory(deps.db, agent, { ticketId: t.id, statusOnly: false });
    expect(history.map((h) => [h.field, h.newValue, h.actorName])).toEqual([
      ["priority", "5", agent.name],
      ["status", open.name, agent.name],
    ]);
    const statusOnly = await listTicketHistory(deps.db, agent, { ticketId: t.id, statusOnly: true });
    expect(statusOnly.map((h) => h.field)).toEqual(["status"]);
    const stranger = await makeUser(deps, "agent", { queues: {} });
    await expect(listTicketHistory(deps.db, stranger, { ticketId: t.id, statusOnly: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
