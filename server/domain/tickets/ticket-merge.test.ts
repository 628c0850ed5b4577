import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { attachments, reminders, statuses, ticketEntries, ticketHistory, ticketWatchers, tickets, timeEntries } from "../../../db/schema";
import { ensureQueue } from "../../../db/seed";
import { makeUser, testDeps } from "../../../db/testing/test-deps";
import { addInternalComment, listEntries } from "../conversation/entries";
import { ingestRawMail } from "../mail/ingest";
import { setParent, ticketStructure } from "./ticket-links";
import { mergeTickets } from "./ticket-merge";
import { createTicket } from "./tickets";

const deps = testDeps();
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
let queue: number;
let other: number;
beforeAll(async () => {
  queue = await ensureQueue(deps.db, `Merge ${stamp}`, 89);
  other = await ensureQueue(deps.db, `Merge other ${stamp}`, 90);
});
afterAll(() => deps.handle.close());

type Agent = Awaited<ReturnType<typeof makeUser>>;
const newTicket = (actor: Agent, title = "Ticket", queueId = queue) =>
  createTicket(deps, actor, { title: `${title} ${stamp}`, queueId, customerEmail: `merge-${stamp}@customer.test`, body: `${title} first` });
const at = (iso: string) => new Date(iso);

describe("merging tickets (C7)", () => {
  it("moves the source's entries into the target in time order, with files and time; the source becomes a closed pointer", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [queue]: "manage" } });
    const watcher = await makeUser(deps, "agent", { queues: { [queue]: "manage" } });
    const target = await newTicket(agent, "Target");
    const source = await newTicket(agent, "Source");
    // Interleave the times: source first text oldest, then target's, then a source comment, then a target comment.
    await deps.db.update(ticketEntries).set({ createdAt: at("2026-01-01T10:00:00Z") }).where(eq(ticketEntries.ticketId, source.id));
    await deps.db.update(ticketEntries).set({ createdAt: at("2026-01-01T11:00:00Z") }).where(eq(ticketEntries.ticketId, target.id));
    const c1 = await addInternalComment(deps, agent, { ticketId: source.id, body: "Source comment", force: true });
    const c2 = await addInternalComment(deps, agent, { ticketId: target.id, body: "Target comment", force: true });
    await deps.db.update(ticketEntries).set({ createdAt: at("2026-01-01T12:00:00Z") }).where(eq(ticketEntries.id, c1.entryId));
    await deps.db.update(ticketEntries).set({ createdAt: at("2026-01-01T13:00:00Z") }).where(eq(ticketEntries.id, c2.entryId));
    await deps.db.insert(attachments).values({ entryId: c1.entryId, filename: "a.txt", contentType: "text/plain", size: 1, sha256: "x", content: Buffer.from("a") });
    await deps.db.insert(timeEntries).values({ ticketId: source.id, entryId: c1.entryId, userId: agent.userId, minutes: 15 });
    await deps.db.insert(ticketWatchers).values({ ticketId: source.id, userId: watcher.userId });
    const [pending] = await deps.db.insert(reminders).values({ ticketId: source.id, createdById: agent.userId, userId: agent.userId, dueAt: at("2099-01-01T00:00:00Z") }).returning();

    deps.events.length = 0;
    await mergeTickets(deps, agent, { sourceId: source.id, targetId: target.id });

    const list = await listEntries(deps.db, agent, target.id);
    const texts = list.filter((e) => e.kind !== "system_event").map((e) => e.bodyText);
    expect(texts).toEqual(["Source first", "Target first", "Source comment", "Target comment"]);
    expect(list.at(-1)?.meta).toEqual({ structure: "mergedFrom", number: source.number });
    expect(list.find((e) => e.id === c1.entryId)?.attachments.map((a) => a.filename)).toEqual(["a.txt"]);
    const [time] = await deps.db.select().from(timeEntries).where(eq(timeEntries.entryId, c1.entryId));
    expect(time.ticketId).toBe(target.id);
    const [moved] = await deps.db.select().from(reminders).where(eq(reminders.id, pending.id));
    expect(moved.ticketId).toBe(target.id); // a pending reminder rings on the target
    const watchers = await deps.db.select().from(ticketWatchers).where(eq(ticketWatchers.ticketId, target.id));
    expect(watchers.map((w) => w.userId).sort()).toEqual([agent.userId, watcher.userId].sort());

    const [src] = await deps.db.select().from(tickets).innerJoin(statuses, eq(statuses.id, tickets.statusId)).where(eq(tickets.id, source.id));
    expect(src.tickets.mergedIntoId).toBe(target.id);
    expect(src.statuses.category).toBe("closed");
    const srcEntries = await listEntries(deps.db, agent, source.id);
    expect(srcEntries.map((e) => e.meta)).toEqual([{ structure: "mergedInto", number: target.number }]);
    const history = await deps.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, source.id));
    expect(history.map((h) => h.field).sort()).toEqual(["mergedInto", "status"]);
    expect((await ticketStructure(deps.db, agent, source.id)).mergedInto).toEqual({ id: target.id, number: target.number });
    expect(new Set(deps.events.map((e) => "ticketId" in e && e.ticketId))).toEqual(new Set([source.id, target.id]));
  });

  it("refuses: into itself, into its own descendant, into a merged ticket, a source already merged", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [queue]: "manage" } });
    const [a, b, c, d] = [await newTicket(agent, "A"), await newTicket(agent, "B"), await newTicket(agent, "C"), await newTicket(agent, "D")];
    await setParent(deps, agent, { ticketId: b.id, parentId: a.id });
    await setParent(deps, agent, { ticketId: c.id, parentId: b.id });
    await expect(mergeTickets(deps, agent, { sourceId: a.id, targetId: a.id })).rejects.toThrow(/into itself/);
    await expect(mergeTickets(deps, agent, { sourceId: a.id, targetId: c.id })).rejects.toThrow(/own child/);
    await expect(mergeTickets(deps, agent, { sourceId: a.id, targetId: b.id })).rejects.toThrow(/own child/);
    await mergeTickets(deps, agent, { sourceId: d.id, targetId: a.id });
    await expect(mergeTickets(deps, agent, { sourceId: c.id, targetId: d.id })).rejects.toThrow(/itself merged/);
    await expect(mergeTickets(deps, agent, { sourceId: d.id, targetId: c.id })).rejects.toThrow(/already merged/);
    // B (parent of C) merged into an unrelated E: C now hangs below E.
    const e = await newTicket(agent, "E");
    await mergeTickets(deps, agent, { sourceId: b.id, targetId: e.id });
    const [cRow] = await deps.db.select().from(tickets).where(eq(tickets.id, c.id));
    expect(cRow.parentId).toBe(e.id);
  });

  it("needs the write right on both tickets", async () => {
    const admin = await makeUser(deps, "admin");
    const agent = await makeUser(deps, "agent", { queues: { [queue]: "manage", [other]: "read_own" } });
    const here = await newTicket(admin, "Here");
    const there = await newTicket(admin, "There", other);
    await deps.db.update(tickets).set({ ownerId: agent.userId }).where(eq(tickets.id, there.id));
    await expect(mergeTickets(deps, agent, { sourceId: here.id, targetId: there.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(mergeTickets(deps, agent, { sourceId: there.id, targetId: here.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const hidden = await newTicket(admin, "Hidden", other);
    await expect(mergeTickets(deps, agent, { sourceId: here.id, targetId: hidden.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a later mail to a merged ticket follows the chain A → B → C", async () => {
    const agent = await makeUser(deps, "agent", { queues: { [queue]: "manage" } });
    const [a, b, c] = [await newTicket(agent, "A"), await newTicket(agent, "B"), await newTicket(agent, "C")];
    await mergeTickets(deps, agent, { sourceId: b.id, targetId: c.id });
    // A points at B, merged before B itself was merged (a chain the ingest must follow).
    await deps.db.update(tickets).set({ mergedIntoId: b.id }).where(eq(tickets.id, a.id));
    const raw = Buffer.from(`From: merge-${stamp}@customer.test\r\nTo: support@helpdesk.test\r\nSubject: Re: [Ticket#${a.number}] A\r\nMessage-ID: <chain-${stamp}@customer.test>\r\n\r\nStill broken`);
    const r = await ingestRawMail(deps, { source: "file", raw });
    expect(r.ticketId).toBe(c.id);
  });
});
