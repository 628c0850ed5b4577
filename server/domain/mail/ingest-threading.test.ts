import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { mailRules, outbox, ticketEntries, tickets } from "../../../db/schema";
import { ensureQueue } from "../../../db/seed";
import { ensureSupportQueue, makeUser, testDeps } from "../../../db/testing/test-deps";
import { replyToTicket } from "../conversation/entries";
import { ingestRawMail } from "./ingest";

const deps = testDeps();
const uniq = () => `${Date.now()}.${Math.random().toString(36).slice(2)}`;
const mail = (subject: string, body = "Hello", extra: string[] = [], from = "kim@customer.test") =>
  Buffer.from([`From: ${from}`, "To: support@helpdesk.test", `Subject: ${subject}`, `Message-ID: <${uniq()}@customer.test>`, ...extra, "", body].join("\r\n"));

beforeAll(() => ensureSupportQueue(deps));
afterAll(() => deps.handle.close());

describe("threading and matching", () => {
  it("finds the ticket number in the body in its accepted forms", async () => {
    const created = await ingestRawMail(deps, { source: "file", raw: mail("Original") });
    for (const phrase of [`Ticket Nr. ${created.ticketNumber}`, `ticket number ${created.ticketNumber}`, `Ticketnummer: ${created.ticketNumber}`, `ID #${created.ticketNumber}`]) {
      const r = await ingestRawMail(deps, { source: "file", raw: mail("A new subject", `Regarding ${phrase}, any news?`) });
      expect(r.status, phrase).toBe("appended");
      expect(r.ticketId, phrase).toBe(created.ticketId);
    }
  });

  it("stores customer, order and invoice numbers from the text on the ticket", async () => {
    const r = await ingestRawMail(deps, {
      source: "file",
      raw: mail("Rechnung falsch", "Kundennummer: K-10442\nBestellnummer 2026-11-0815\nRechnungsnummer RE-2026-001"),
    });
    const [t] = await deps.db.select().from(tickets).where(eq(tickets.id, r.ticketId!));
    expect(t).toMatchObject({ customerNumber: "K-10442", orderNumber: "2026-11-0815", invoiceNumber: "RE-2026-001" });
  });

  it("a mail to a merged ticket goes to the ticket it was merged into", async () => {
    const source = await ingestRawMail(deps, { source: "file", raw: mail("Duplicate question") });
    const target = await ingestRawMail(deps, { source: "file", raw: mail("The real question") });
    await deps.db.update(tickets).set({ mergedIntoId: target.ticketId }).where(eq(tickets.id, source.ticketId!));
    const r = await ingestRawMail(deps, { source: "file", raw: mail(`Re: [Ticket#${source.ticketNumber}] Duplicate question`) });
    expect(r.status).toBe("appended");
    expect(r.ticketId).toBe(target.ticketId);
  });

  it("a bounce fails the mail it reports on and lands on that ticket", async () => {
    const created = await ingestRawMail(deps, { source: "file", raw: mail("Please call me") });
    const agent = await makeUser(deps);
    const reply = await replyToTicket(deps, agent, { ticketId: created.ticketId!, body: "Sure." });
    const [sent] = await deps.db.select().from(outbox).where(eq(outbox.id, reply.outboxId!));
    const boundary = "dsn-b";
    const dsn = Buffer.from([
      "From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>", "To: support@helpdesk.test",
      "Subject: Undelivered Mail Returned to Sender", `Message-ID: <${uniq()}@mx.customer.test>`, "Auto-Submitted: auto-replied",
      "MIME-Version: 1.0", `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`, "",
      `--${boundary}`, "Content-Type: text/plain", "", "Your message could not be delivered.",
      `--${boundary}`, "Content-Type: message/delivery-status", "",
      "Reporting-MTA: dns; mx.customer.test", "", "Final-Recipient: rfc822; kim@customer.test", "Action: failed",
      "Status: 5.1.1", "Diagnostic-Code: smtp; 550 5.1.1 mailbox unknown", "",
      `--${boundary}`, "Content-Type: text/rfc822-headers", "",
      `From: ${sent.fromEmail}`, `To: kim@customer.test`, `Subject: ${sent.subject}`, `Message-ID: <${sent.messageId}>`, "",
      `--${boundary}--`, "",
    ].join("\r\n"));
    const r = await ingestRawMail(deps, { source: "file", raw: dsn });
    expect(r.ticketId).toBe(created.ticketId);
    const [failed] = await deps.db.select().from(outbox).where(eq(outbox.id, sent.id));
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toMatch(/Bounced: 5\.1\.1.*mailbox unknown/);
    const [entry] = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.id, r.entryId!));
    expect(entry.kind).toBe("system_event");
  });

  it("mail rules: ignore drops into storage, create forces a new ticket in the rule's queue", async () => {
    const salesId = await ensureQueue(deps.db, "Sales", 1);
    const tag = uniq();
    await deps.db.insert(mailRules).values([
      { name: "drop newsletters", position: -10, conditions: [{ field: "subject", op: "contains", value: `newsletter-${tag}` }], actions: { mode: "ignore" } },
      { name: "invoices to sales", position: -9, conditions: [{ field: "header:X-Tag", op: "equals", value: tag }], actions: { mode: "create", queueId: salesId, priority: 4 } },
    ]);
    const ignored = await ingestRawMail(deps, { source: "file", raw: mail(`Our newsletter-${tag}`) });
    expect(ignored).toMatchObject({ status: "ignored", reason: 'ignored by mail rule "drop newsletters"' });
    const first = await ingestRawMail(deps, { source: "file", raw: mail("Invoice") });
    const forced = await ingestRawMail(deps, { source: "file", raw: mail(`Re: [Ticket#${first.ticketNumber}] Invoice`, "x", [`X-Tag: ${tag}`]) });
    expect(forced.status).toBe("created");
    const [t] = await deps.db.select().from(tickets).where(eq(tickets.id, forced.ticketId!));
    expect(t).toMatchObject({ queueId: salesId, priority: 4 });
  });

  it("mail rules: tags go on new tickets and are added to follow-ups without repeats", async () => {
    const tag = uniq();
    await deps.db.insert(mailRules).values([
      { name: "billing tag", position: -20, conditions: [{ field: "body", op: "contains", value: `invoice-${tag}` }], actions: { mode: "append", tags: ["Billing", "VIP"] } },
      { name: "urgent tag", position: -19, conditions: [{ field: "subject", op: "contains", value: `urgent-${tag}` }], actions: { mode: "append", tags: ["vip", "Urgent"] } },
    ]);
    const first = await ingestRawMail(deps, { source: "file", raw: mail("Question", `About invoice-${tag}`) });
    const tagsOf = async () => (await deps.db.select({ tags: tickets.tags }).from(tickets).where(eq(tickets.id, first.ticketId!)))[0].tags;
    expect(await tagsOf()).toEqual(["Billing", "VIP"]);
    const followUp = await ingestRawMail(deps, { source: "file", raw: mail(`Re: [Ticket#${first.ticketNumber}] urgent-${tag}`) });
    expect(followUp.status).toBe("appended");
    expect(await tagsOf()).toEqual(["Billing", "VIP", "Urgent"]);
  });
});
