import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { mailAccounts, outbox, ticketEntries, tickets } from "../db/schema";
import { upsertMailAccountFromUrls } from "../db/seed";
import { makeUser, TEST_APP_SECRET, testDeps } from "../db/testing/test-deps";
import { sealSecret } from "../lib/secret-box";
import { appendMail, startDovecot, type DovecotServer } from "../e2e/fixtures/dovecot";
import { startSmtpCatcher, type SmtpCatcher } from "../e2e/fixtures/smtp-catcher";
import { replyToTicket } from "../server/domain/conversation/entries";
import { ingestRawMail } from "../server/domain/mail/ingest";
import { setSetting } from "../server/domain/config/settings";
import { storeUpload } from "../server/domain/conversation/uploads";
import { watchAccount } from "./imap/watch-account";
import { createTransportFactory, deliverOutboxMail, isPermanentRejection, staleOutboxIds } from "./outbox/deliver";
import { waitFor } from "../db/testing/wait-for";

/**
 * The worker against real services: Dovecot over IMAP IDLE in, an SMTP server out.
 * A customer mail becomes a ticket, the reply leaves with threading headers, and the
 * customer's answer to it lands in the same ticket.
 */
const deps = testDeps();
let dovecot: DovecotServer;
let catcher: SmtpCatcher;
let accountId: number;
const address = `support-${Date.now()}@example.test`;

beforeAll(async () => {
  const password = "pw-" + Math.random().toString(36).slice(2);
  dovecot = await startDovecot({ users: { [address]: password } });
  catcher = await startSmtpCatcher();
  // Dovecot listens on 127.0.0.1, which the mail host guard refuses by default.
  await setSetting(deps.db, "mail.allowPrivateHosts", true);
  accountId = await upsertMailAccountFromUrls(deps.db, {
    address,
    imapUrl: `imap://${encodeURIComponent(address)}:${password}@127.0.0.1:${dovecot.port}`,
    smtpUrl: `smtp://${encodeURIComponent(address)}:${password}@127.0.0.1:${catcher.port}`,
    appSecret: TEST_APP_SECRET,
  });
});
afterAll(async () => {
  await Promise.allSettled([dovecot?.stop(), catcher?.stop()]);
  await deps.handle.close();
});

/** A customer mail filed directly (no IMAP), for tests about what we send. */
async function ingestTo(address: string, subject: string) {
  const r = await ingestRawMail(deps, {
    source: "file",
    raw: Buffer.from(`From: dora@customer.test\r\nTo: ${address}\r\nSubject: ${subject}\r\nMessage-ID: <${Date.now()}.${Math.random()}@customer.test>\r\n\r\nHi`),
  });
  const [t] = await deps.db.select().from(tickets).where(eq(tickets.id, r.ticketId!));
  return t;
}

describe("mail round trip through IMAP and SMTP", () => {
  it("imports over IDLE, replies over SMTP, and threads the answer", async () => {
    const watcher = watchAccount(deps, accountId, { mode: "idle", pollIntervalMs: 60_000, appSecret: TEST_APP_SECRET, log: () => {} });
    try {
      await waitFor("the watcher to go idle", async () => {
        const [a] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
        return a.state === "idle" ? a : null;
      });
      const customerId = `first-${Date.now()}@customer.test`;
      await appendMail(dovecot, address, [
        "From: Carla Customer <carla@customer.test>", `To: ${address}`, "Subject: Printer on fire",
        `Message-ID: <${customerId}>`, "", "Please help.",
      ].join("\r\n"));
      const ticket = await waitFor("the ticket", async () => {
        const [e] = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.messageId, customerId));
        return e ? (await deps.db.select().from(tickets).where(eq(tickets.id, e.ticketId)))[0] : null;
      });
      expect(ticket.title).toBe("Printer on fire");

      const agent = await makeUser(deps);
      const reply = await replyToTicket(deps, agent, { ticketId: ticket.id, body: "Water helps." });
      const transports = createTransportFactory(deps.db, TEST_APP_SECRET, null);
      expect(await deliverOutboxMail(deps.db, transports, reply.outboxId!, { final: false, testModeAddress: null })).toBe("sent");
      const sent = await catcher.waitFor((m) => m.subject.includes(`[Ticket#${ticket.number}]`));
      expect(sent.subject).toBe(`[Ticket#${ticket.number}] Printer on fire`);
      expect(sent.to).toEqual(["carla@customer.test"]);
      expect(sent.inReplyTo).toBe(`<${customerId}>`);
      expect(sent.references).toContain(`<${customerId}>`);
      const [row] = await deps.db.select().from(outbox).where(eq(outbox.id, reply.outboxId!));
      expect(row.status).toBe("sent");
      expect(sent.messageId).toBe(`<${row.messageId}>`);
      // Sending again is a no-op: the row is no longer queued.
      expect(await deliverOutboxMail(deps.db, transports, reply.outboxId!, { final: false, testModeAddress: null })).toBe("skipped");

      // The customer answers the reply without the tag in the subject: headers thread it.
      await appendMail(dovecot, address, [
        "From: carla@customer.test", `To: ${address}`, "Subject: Re: thanks",
        `Message-ID: <answer-${Date.now()}@customer.test>`, `In-Reply-To: ${sent.messageId}`, "", "It worked!",
      ].join("\r\n"));
      const answer = await waitFor("the answer", async () => {
        const rows = await deps.db.select().from(ticketEntries).where(eq(ticketEntries.ticketId, ticket.id));
        return rows.find((e) => e.bodyText === "It worked!");
      });
      expect(answer.kind).toBe("customer_mail");
    } finally {
      await watcher.stop();
    }
  });

  it("a reply sends the files attached to it", async () => {
    const [acc] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
    const ticket = await ingestTo(acc.address, "Need the manual");
    const agent = await makeUser(deps);
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(300_000, 7)]);
    const files = [
      await storeUpload(deps.db, agent, { filename: "manual.pdf", contentType: "application/pdf", content: pdf }),
      await storeUpload(deps.db, agent, { filename: "Größe ü.txt", contentType: "text/plain", content: Buffer.from("ä size\n") }),
    ];
    const reply = await replyToTicket(deps, agent, { ticketId: ticket.id, body: "Attached.", uploadIds: files.map((f) => f.id) });
    const transports = createTransportFactory(deps.db, TEST_APP_SECRET, null);
    expect(await deliverOutboxMail(deps.db, transports, reply.outboxId!, { final: false, testModeAddress: null })).toBe("sent");
    const sent = await catcher.waitFor((m) => m.subject.includes(`[Ticket#${ticket.number}]`));
    expect(sent.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ["manual.pdf", "application/pdf", pdf.length],
      ["Größe ü.txt", "text/plain", 8],
    ]);
    expect(sent.attachments[0].content.equals(pdf)).toBe(true);
  });

  it("a claimed mail is left alone while its lease runs, and sent once after", async () => {
    const [acc] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
    const subject = `lease ${Date.now()}`;
    const [row] = await deps.db
      .insert(outbox)
      .values({
        accountId: acc.id, fromEmail: acc.address, toEmails: ["x@customer.test"], subject, bodyText: "b",
        messageId: `lease-${Date.now()}@example.test`, status: "sending", sendingSince: new Date(Date.now() - 5_000), attempts: 1,
      })
      .returning();
    const transports = createTransportFactory(deps.db, TEST_APP_SECRET, null);
    const opts = { final: false, testModeAddress: null };
    expect(await deliverOutboxMail(deps.db, transports, row.id, { ...opts, leaseSeconds: 60 })).toBe("skipped");
    expect((await staleOutboxIds(deps.db, 30, 60)).map((r) => r.id)).not.toContain(row.id);
    expect(await staleOutboxIds(deps.db, 30, 2)).toContainEqual({ id: row.id, again: true });
    expect(await deliverOutboxMail(deps.db, transports, row.id, { ...opts, leaseSeconds: 2 })).toBe("sent");
    await catcher.waitFor((m) => m.subject === subject);
    const [after] = await deps.db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(after).toMatchObject({ status: "sent", attempts: 2, sendingSince: null });
    expect(await deliverOutboxMail(deps.db, transports, row.id, { ...opts, leaseSeconds: 0 })).toBe("skipped");
  });

  it("a wrong password puts the account in error with the reason, and retries", async () => {
    const [good] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
    const [bad] = await deps.db
      .insert(mailAccounts)
      .values({ ...good, id: undefined, address: `wrong-pw-${Date.now()}@example.test`, imapPassword: sealSecret("wrong", TEST_APP_SECRET), uidValidity: null, lastUid: 0 })
      .returning();
    const logs: string[] = [];
    const watcher = watchAccount(deps, bad.id, { mode: "idle", pollIntervalMs: 60_000, appSecret: TEST_APP_SECRET, log: (m) => logs.push(m) });
    try {
      const failed = await waitFor("the error state", async () => {
        const [a] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, bad.id));
        return a.state === "error" ? a : null;
      });
      expect(failed.lastError).toMatch(/auth|fail|invalid/i);
      expect(failed.lastErrorAt).toBeInstanceOf(Date);
      expect(logs.some((l) => /reconnecting in \d+ s/.test(l))).toBe(true);
    } finally {
      await watcher.stop();
    }
  });

  it("test mode sends every mail to the one test address, naming the real recipients", async () => {
    const [acc] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
    const [row] = await deps.db
      .insert(outbox)
      .values({
        kind: "autoresponse", accountId: acc.id, fromEmail: acc.address, toEmails: ["real@customer.test"], ccEmails: ["cc@customer.test"],
        subject: `test mode ${Date.now()}`, bodyText: "b", messageId: `tm-${Date.now()}@example.test`,
      })
      .returning();
    const transports = createTransportFactory(deps.db, TEST_APP_SECRET, null);
    await deliverOutboxMail(deps.db, transports, row.id, { final: false, testModeAddress: "qa@helpdesk.test" });
    const got = await catcher.waitFor((m) => m.subject === row.subject);
    expect(got.envelopeTo).toEqual(["qa@helpdesk.test"]);
    expect(got.headers.get("x-original-to")).toBe("real@customer.test, cc@customer.test");
    expect(got.headers.get("auto-submitted")).toBe("auto-replied");
  });

  it("records a failed delivery and keeps the mail queued for the retry", async () => {
    const dead = createTransportFactory(deps.db, TEST_APP_SECRET, null);
    const [acc] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
    const [broken] = await deps.db
      .insert(mailAccounts)
      .values({ ...acc, id: undefined, address: `broken-${Date.now()}@example.test`, active: false, smtpPort: 1 })
      .returning();
    const [row] = await deps.db
      .insert(outbox)
      .values({
        accountId: broken.id, fromEmail: broken.address, toEmails: ["x@customer.test"], subject: "s",
        bodyText: "b", messageId: `m-${Date.now()}@example.test`,
      })
      .returning();
    await expect(deliverOutboxMail(deps.db, dead, row.id, { final: false, testModeAddress: null })).rejects.toThrow();
    const [after] = await deps.db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(after).toMatchObject({ status: "queued", attempts: 1 });
    expect(after.lastError).toBeTruthy();
    await expect(deliverOutboxMail(deps.db, dead, row.id, { final: true, testModeAddress: null })).rejects.toThrow();
    const [final] = await deps.db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(final.status).toBe("failed");
  });
});

describe("a recipient the server refuses for good", () => {
  it("fails at once with the server's reason, without a retry, and goes out once when sent again", async () => {
    const [acc] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
    const to = `unknown-${Date.now()}@customer.test`;
    const subject = `refused ${Date.now()}`;
    const [row] = await deps.db
      .insert(outbox)
      .values({ accountId: acc.id, fromEmail: acc.address, toEmails: [to], subject, bodyText: "b", messageId: `refused-${Date.now()}@example.test` })
      .returning();
    const transports = createTransportFactory(deps.db, TEST_APP_SECRET, null);
    catcher.rejectRecipients.add(to);
    try {
      // Not thrown: the job is done, pg-boss must not try again for an hour.
      expect(await deliverOutboxMail(deps.db, transports, row.id, { final: false, testModeAddress: null })).toBe("failed");
    } finally {
      catcher.rejectRecipients.delete(to);
    }
    const [failed] = await deps.db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(failed).toMatchObject({ status: "failed", attempts: 1, sendingSince: null });
    expect(failed.lastError).toMatch(/550 .*Recipient address rejected/);
    expect(await staleOutboxIds(deps.db, 0)).not.toContainEqual(expect.objectContaining({ id: row.id }));

    await deps.db.update(outbox).set({ status: "queued", lastError: null }).where(eq(outbox.id, row.id));
    expect(await deliverOutboxMail(deps.db, transports, row.id, { final: false, testModeAddress: null })).toBe("sent");
    await catcher.waitFor((m) => m.subject === subject);
    expect(catcher.messages.filter((m) => m.subject === subject)).toHaveLength(1);
  });

  it("only 5xx refusals of recipients or message count as permanent", () => {
    expect(isPermanentRejection(Object.assign(new Error("x"), { code: "EENVELOPE", responseCode: 550 }))).toBe(true);
    expect(isPermanentRejection(Object.assign(new Error("x"), { code: "EMESSAGE", responseCode: 554 }))).toBe(true);
    expect(isPermanentRejection(Object.assign(new Error("x"), { code: "EENVELOPE", responseCode: 450 }))).toBe(false);
    expect(isPermanentRejection(Object.assign(new Error("x"), { code: "EAUTH", responseCode: 535 }))).toBe(false);
    expect(isPermanentRejection(Object.assign(new Error("connect ECONNREFUSED"), { code: "ESOCKET" }))).toBe(false);
    expect(isPermanentRejection(null)).toBe(false);
  });
});
