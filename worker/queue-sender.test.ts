import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { mailAccounts, outbox, queues } from "../db/schema";
import { ensureQueue, upsertMailAccountFromUrls } from "../db/seed";
import { createFreshDatabase, type FreshDatabase } from "../db/testing/fresh-database";
import { makeUser, TEST_APP_SECRET, testDeps, type TestDeps } from "../db/testing/test-deps";
import { startSmtpCatcher, type SmtpCatcher } from "../e2e/fixtures/smtp-catcher";
import { replyToTicket } from "../server/domain/conversation/entries";
import { ingestRawMail } from "../server/domain/mail/ingest";
import { setSetting } from "../server/domain/config/settings";
import { createTransportFactory, deliverOutboxMail } from "./outbox/deliver";

/**
 * Per-queue sending (G6/G7) against real SMTP servers, in a database of its own so that no
 * other account can be "the first active one": a queue with its own sender account sends
 * its notify-list mail and its replies through that account's server, with that address,
 * while the account that feeds the queue (the default otherwise) sends nothing.
 */
describe("a queue's own sender account and notify list", () => {
  let fresh: FreshDatabase;
  let deps: TestDeps;
  let feeding: SmtpCatcher;
  let own: SmtpCatcher;
  let billingId: number;
  const feedAddress = "inbox@desk.test";
  const billingAddress = "billing@desk.test";

  beforeAll(async () => {
    fresh = await createFreshDatabase("queue-sender");
    deps = testDeps(fresh.url);
    [feeding, own] = await Promise.all([startSmtpCatcher(), startSmtpCatcher()]);
    await setSetting(deps.db, "mail.allowPrivateHosts", true);
    billingId = await ensureQueue(deps.db, "Billing", 1);
    // IMAP is never used here: no watcher runs.
    const imapUrl = (a: string) => `imap://${encodeURIComponent(a)}:pw@127.0.0.1:143`;
    // The inbox feeds Billing; Billing sends from its own account on another server.
    const feedId = await upsertMailAccountFromUrls(deps.db, {
      address: feedAddress, appSecret: TEST_APP_SECRET, queueName: "Billing",
      imapUrl: imapUrl(feedAddress), smtpUrl: `smtp://127.0.0.1:${feeding.port}`,
    });
    const ownId = await upsertMailAccountFromUrls(deps.db, {
      address: billingAddress, appSecret: TEST_APP_SECRET, queueName: "Support",
      imapUrl: imapUrl(billingAddress), smtpUrl: `smtp://127.0.0.1:${own.port}`,
    });
    expect(feedId).toBeLessThan(ownId); // without the queue's choice, the feeding account would send
    await deps.db
      .update(queues)
      .set({ senderAccountId: ownId, notifyEmails: ["lead@desk.test", "team@desk.test"], autoresponderEnabled: true })
      .where(eq(queues.id, billingId));
    await deps.db.update(mailAccounts).set({ senderName: "Billing Team" }).where(eq(mailAccounts.id, ownId));
  });
  afterAll(async () => {
    await Promise.allSettled([feeding?.stop(), own?.stop()]);
    await deps?.handle.close();
    await fresh?.drop();
  });

  const transportFor = () => createTransportFactory(deps.db, TEST_APP_SECRET, null);
  async function deliverAll(ticketId: number) {
    const rows = await deps.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.ticketId, ticketId));
    for (const r of rows) expect(await deliverOutboxMail(deps.db, transportFor(), r.id, { final: true, testModeAddress: null })).toBe("sent");
    return rows.length;
  }

  it("a new ticket is announced to the notify list and answered, both from the queue's account", async () => {
    const feedAccount = (await deps.db.select().from(mailAccounts).where(eq(mailAccounts.address, feedAddress)))[0];
    const r = await ingestRawMail(deps, {
      source: "imap", accountId: feedAccount.id, uidValidity: 1, uid: 1,
      raw: Buffer.from(
        "From: Carla <carla@customer.test>\r\nTo: inbox@desk.test\r\nSubject: Invoice 4711 is wrong\r\n" +
          "Message-ID: <carla-1@customer.test>\r\n\r\nThe amount is twice what we ordered.",
      ),
    });
    expect(r.status).toBe("created");
    expect(await deliverAll(r.ticketId!)).toBe(3);

    for (const to of ["lead@desk.test", "team@desk.test"]) {
      const note = await own.waitFor((m) => m.to.includes(to));
      expect(note.from).toBe(billingAddress);
      expect(note.envelopeTo).toEqual([to]);
      expect(note.subject).toBe(`New ticket [Ticket#${r.ticketNumber}] Invoice 4711 is wrong`);
      expect(note.text).toContain("The amount is twice what we ordered.");
      expect(note.headers.get("auto-submitted")).toBe("auto-generated");
    }
    const answer = await own.waitFor((m) => m.to.includes("carla@customer.test"));
    expect(answer.from).toBe(billingAddress);
    expect(answer.subject).toBe(`Billing [Ticket#${r.ticketNumber}] Invoice 4711 is wrong`);
    expect(answer.inReplyTo).toBe("<carla-1@customer.test>");
    expect(feeding.messages).toEqual([]);

    // An agent's reply in the queue leaves the same way, with the account's sender name.
    const agent = await makeUser(deps);
    const reply = await replyToTicket(deps, agent, { ticketId: r.ticketId!, body: "We corrected the invoice." });
    expect(await deliverOutboxMail(deps.db, transportFor(), reply.outboxId!, { final: true, testModeAddress: null })).toBe("sent");
    const sent = await own.waitFor((m) => m.text.startsWith("We corrected the invoice."));
    expect(sent.from).toBe(billingAddress);
    expect(String((sent.headers.get("from") as { text?: string } | undefined)?.text)).toContain("Billing Team");
    expect(sent.envelopeTo).toEqual(["carla@customer.test"]);
    expect(feeding.messages).toEqual([]);
  });
});
