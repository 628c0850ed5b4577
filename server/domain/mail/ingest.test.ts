import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { attachments, inboundMails, mailAccounts, quarantinedMails, ticketEntries, tickets } from "../../../db/schema";
import { ensureSupportQueue, testDeps } from "../../../db/testing/test-deps";
import { ingestRawMail } from "./ingest";
import { MAX_MAIL_BYTES } from "./parse-mail";

const deps = testDeps();
const uniq = () => `${Date.now()}.${Math.random().toString(36).slice(2)}`;

function mail(opts: { subject: string; id?: string; from?: string; inReplyTo?: string; body?: string; extra?: string }) {
  const id = opts.id ?? `${uniq()}@customer.test`;
  return Buffer.from(
    [
      `From: ${opts.from ?? "Carla Customer <carla@customer.test>"}`,
      "To: support@helpdesk.test",
      `Subject: ${opts.subject}`,
      `Message-ID: <${id}>`,
      "Date: Mon, 23 Nov 2026 10:00:00 +0100",
      ...(opts.inReplyTo ? [`In-Reply-To: <${opts.inReplyTo}>`, `References: <${opts.inReplyTo}>`] : []),
      ...(opts.extra ? [opts.extra] : []),
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      opts.body ?? "Hello, my printer is broken.",
    ].join("\r\n"),
  );
}

beforeAll(() => ensureSupportQueue(deps));
afterAll(() => deps.handle.close());

describe("ingestRawMail", () => {
  it("creates a ticket and a contact from a new mail, and publishes it", async () => {
    const r = await ingestRawMail(deps, { source: "file", raw: mail({ subject: "Printer broken" }) });
    expect(r.status).toBe("created");
    expect(r.fromEmail).toBe("carla@customer.test");
    const [t] = await deps.db.select().from(tickets).where(eq(tickets.id, r.ticketId!));
    expect(t.title).toBe("Printer broken");
    expect(t.number).toBe(r.ticketNumber);
    expect(deps.events).toContainEqual({ type: "ticket.created", ticketId: t.id, queueId: t.queueId, involved: [] });
  });

  it("never imports the same Message-ID twice", async () => {
    const raw = mail({ subject: "Twice" });
    const first = await ingestRawMail(deps, { source: "file", raw });
    const again = await ingestRawMail(deps, { source: "file", raw });
    expect(first.status).toBe("created");
    expect(again.status).toBe("duplicate");
    expect(again.ticketId).toBe(first.ticketId);
  });

  it("never imports the same account UID twice, even if the source differs", async () => {
    const [account] = await deps.db
      .insert(mailAccounts)
      .values({ address: `box${uniq()}@helpdesk.test`, imapHost: "127.0.0.1", imapUser: "u", imapPassword: "p", smtpHost: "127.0.0.1" })
      .returning();
    const key = { source: "imap" as const, accountId: account.id, uidValidity: 7, uid: 42 };
    const first = await ingestRawMail(deps, { ...key, raw: mail({ subject: "UID" }) });
    const again = await ingestRawMail(deps, { ...key, raw: mail({ subject: "UID, fetched again" }) });
    expect(first.status).toBe("created");
    expect(again.status).toBe("duplicate");
    const other = await ingestRawMail(deps, { ...key, uidValidity: 8, raw: mail({ subject: "new UIDVALIDITY" }) });
    expect(other.status).toBe("created");
  });

  it("recognises a mail without Message-ID by its bytes, e.g. read again under a new UIDVALIDITY", async () => {
    const [account] = await deps.db
      .insert(mailAccounts)
      .values({ address: `box${uniq()}@helpdesk.test`, imapHost: "127.0.0.1", imapUser: "u", imapPassword: "p", smtpHost: "127.0.0.1" })
      .returning();
    const noId = (subject: string) =>
      Buffer.from(`From: carla@customer.test\r\nTo: support@helpdesk.test\r\nSubject: ${subject}\r\n\r\nNo Message-ID here.`);
    const raw = noId(`Without id ${uniq()}`);
    const first = await ingestRawMail(deps, { source: "imap", accountId: account.id, uidValidity: 1, uid: 1, raw });
    const again = await ingestRawMail(deps, { source: "imap", accountId: account.id, uidValidity: 2, uid: 1, raw });
    expect(first.status).toBe("created");
    expect(again).toMatchObject({ status: "duplicate", ticketId: first.ticketId, entryId: first.entryId });
    expect(again.reason).toMatch(/without Message-ID/);
    const entries = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.ticketId, first.ticketId!));
    expect(entries).toHaveLength(1);
    expect(entries[0].messageId).toBeNull(); // the content key stays on the inbound row, never on the entry

    // A different mail without Message-ID is a mail of its own.
    const other = await ingestRawMail(deps, { source: "imap", accountId: account.id, uidValidity: 2, uid: 2, raw: noId(`Other ${uniq()}`) });
    expect(other.status).toBe("created");
    expect(other.ticketId).not.toBe(first.ticketId);
  });

  it("appends a mail with [Ticket#N] in the subject to that ticket", async () => {
    const created = await ingestRawMail(deps, { source: "file", raw: mail({ subject: "Invoice question" }) });
    const r = await ingestRawMail(deps, {
      source: "file",
      raw: mail({ subject: `Re: [Ticket#${created.ticketNumber}] Invoice question`, body: "Any news?" }),
    });
    expect(r.status).toBe("appended");
    expect(r.ticketId).toBe(created.ticketId);
    const entries = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.ticketId, created.ticketId!));
    expect(entries.map((e) => e.bodyText)).toContain("Any news?");
  });

  it("appends a mail whose In-Reply-To matches a stored Message-ID", async () => {
    const firstId = `${uniq()}@customer.test`;
    const created = await ingestRawMail(deps, { source: "file", raw: mail({ subject: "Threaded", id: firstId }) });
    const r = await ingestRawMail(deps, { source: "file", raw: mail({ subject: "Re: Threaded", inReplyTo: firstId }) });
    expect(r.status).toBe("appended");
    expect(r.ticketId).toBe(created.ticketId);
  });

  it("quarantines what is not a mail, keeping the raw source and the reason", async () => {
    const raw = Buffer.from("\u0000\u0001 this is not a mail at all");
    const r = await ingestRawMail(deps, { source: "file", origin: "junk.bin", raw });
    expect(r.status).toBe("quarantined");
    expect(r.reason).toMatch(/no mail headers/);
    const [q] = await deps.db.select().from(quarantinedMails).where(eq(quarantinedMails.inboundMailId, r.inboundMailId!));
    expect(q.reason).toBe(r.reason);
    const [stored] = await deps.db.select().from(inboundMails).where(eq(inboundMails.id, r.inboundMailId!));
    expect(stored.raw.equals(raw)).toBe(true);
  });

  it("quarantines a mail over the size cap instead of parsing it", async () => {
    const huge = Buffer.concat([mail({ subject: "Huge" }), Buffer.alloc(MAX_MAIL_BYTES, 0x61)]);
    const r = await ingestRawMail(deps, { source: "file", raw: huge });
    expect(r.status).toBe("quarantined");
    expect(r.reason).toMatch(/over the .*-byte limit/);
  });

  it("ignores mail from our own address (no loops)", async () => {
    const r = await ingestRawMail(deps, { source: "file", raw: mail({ subject: "Loop", from: "support@helpdesk.test" }) });
    expect(r.status).toBe("ignored");
    expect(r.ticketId).toBeNull();
  });

  it("stores attachments with name, type, size and checksum", async () => {
    const boundary = "b1";
    const raw = Buffer.from(
      [
        "From: carla@customer.test",
        "Subject: With file",
        `Message-ID: <${uniq()}@customer.test>`,
        "MIME-Version: 1.0",
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
        "",
        `--${boundary}`,
        "Content-Type: text/plain; charset=utf-8",
        "",
        "See the log.",
        `--${boundary}`,
        "Content-Type: text/plain; name=log.txt",
        "Content-Disposition: attachment; filename=log.txt",
        "Content-Transfer-Encoding: base64",
        "",
        Buffer.from("error 42\n").toString("base64"),
        `--${boundary}--`,
        "",
      ].join("\r\n"),
    );
    const r = await ingestRawMail(deps, { source: "file", raw });
    expect(r.status).toBe("created");
    expect(r.attachments).toEqual([{ filename: "log.txt", contentType: "text/plain", size: 9 }]);
    const [a] = await deps.db.select().from(attachments).where(eq(attachments.entryId, r.entryId!));
    expect(a.content.toString()).toBe("error 42\n");
    expect(a.sha256).toHaveLength(64);
  });

  it("sanitises HTML before storing it", async () => {
    const raw = Buffer.from(
      [
        "From: carla@customer.test",
        "Subject: HTML",
        `Message-ID: <${uniq()}@customer.test>`,
        "MIME-Version: 1.0",
        "Content-Type: text/html; charset=utf-8",
        "",
        `<p onclick="x()">Hi<script>alert(1)</script><img src="https://tracker.test/p.gif"><a href="javascript:alert(1)">x</a></p>`,
      ].join("\r\n"),
    );
    const r = await ingestRawMail(deps, { source: "file", raw });
    const [e] = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.id, r.entryId!));
    expect(e.bodyHtml).toContain("Hi");
    expect(e.bodyHtml).not.toMatch(/script|onclick|javascript:|tracker\.test/);
  });
});
