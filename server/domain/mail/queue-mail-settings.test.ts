import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outbox, queues, ticketEntries, tickets } from "../../../db/schema";
import { ensureQueue } from "../../../db/seed";
import { makeUser, TEST_APP_SECRET, testContext, testDeps } from "../../../db/testing/test-deps";
import { createCaller } from "../../api/root";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { queueNewTicketMails } from "./auto-mail";
import { composeReplyText } from "./compose";
import { createMailAccount } from "./mail-accounts";
import { listQueueMailSettings, updateQueueMailSettings, type QueueMailSettingsInput } from "./queue-mail-settings";
import { createTicket } from "../tickets/tickets";
import { callOverHttp } from "../../api/testing/call-over-http";

const deps = testDeps();
let admin: Extract<Actor, { kind: "user" }>;
let agent: Extract<Actor, { kind: "user" }>;
let queueId: number;
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

const defaults: QueueMailSettingsInput = {
  senderAccountId: null, autoresponderEnabled: false, autoresponderText: null, quoting: "last", notifyEmails: [], greeting: null, signature: null,
};

const http = (path: string, input: unknown, actor: Actor | null = admin) => callOverHttp(deps, path, input, actor);

beforeAll(async () => {
  // A queue of its own: other test files change the Support queue's settings meanwhile.
  queueId = await ensureQueue(deps.db, `Queue settings ${stamp}`, 90);
  admin = await makeUser(deps, "admin");
  agent = await makeUser(deps, "agent");
});
afterAll(() => deps.handle.close());

describe("queue mail settings", () => {
  it("an admin lists and updates a queue's settings; addresses are tidied", async () => {
    const api = createCaller(testContext(deps, admin));
    const before = (await api.queue.mailSettings()).find((q) => q.id === queueId);
    expect(before).toMatchObject({ name: `Queue settings ${stamp}`, ...defaults });

    const account = await createMailAccount({ db: deps.db, appSecret: TEST_APP_SECRET }, admin, {
      address: `sender-${stamp}@example.test`, senderName: "Team", replyTo: null, active: false,
      imapHost: "imap.example.test", imapPort: 993, imapEncryption: "ssl", imapUser: "u", imapPassword: "p",
      smtpHost: "smtp.example.test", smtpPort: 587, smtpEncryption: "starttls", smtpUser: null, smtpPassword: null,
      queueId: null, statusId: null, priority: null, afterImport: "mark_seen", afterImportFolder: null, maxMessageBytes: 10 * 1024 * 1024,
    });
    const saved = await api.queue.updateMailSettings({
      queueId, senderAccountId: account.id, autoresponderEnabled: true, autoresponderText: "  We got it.  ", quoting: "last3",
      notifyEmails: [" Boss@Example.TEST", "team@example.test", "boss@example.test", ""], greeting: " Regards ", signature: "\nThe Team\n",
    });
    expect(saved).toEqual({
      id: queueId, name: `Queue settings ${stamp}`, senderAccountId: account.id, autoresponderEnabled: true,
      autoresponderText: "We got it.", quoting: "last3", notifyEmails: ["boss@example.test", "team@example.test"], greeting: "Regards", signature: "The Team",
    });
    const [row] = await deps.db.select().from(queues).where(eq(queues.id, queueId));
    expect(row).toMatchObject({ senderAccountId: account.id, quoting: "last3", notifyEmails: ["boss@example.test", "team@example.test"] });
    expect((await listQueueMailSettings(deps.db, admin)).find((q) => q.id === queueId)).toEqual(saved);

    // Blank texts are stored as null.
    const cleared = await api.queue.updateMailSettings({ queueId, ...defaults, autoresponderText: "   ", greeting: " ", signature: "" });
    expect(cleared).toMatchObject({ autoresponderText: null, greeting: null, signature: null, senderAccountId: null, notifyEmails: [] });
  });

  it("is for admins only", async () => {
    const api = createCaller(testContext(deps, agent));
    await expect(api.queue.mailSettings()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.queue.updateMailSettings({ queueId, ...defaults, signature: "Agent was here" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateQueueMailSettings(deps.db, agent, queueId, defaults)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listQueueMailSettings(deps.db, { kind: "system" })).rejects.toBeInstanceOf(AppError);
    const [row] = await deps.db.select().from(queues).where(eq(queues.id, queueId));
    expect(row.signature).not.toBe("Agent was here");
    await expect(createCaller(testContext(deps, null)).queue.mailSettings()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("bad input gets field errors and changes nothing", async () => {
    await updateQueueMailSettings(deps.db, admin, queueId, { ...defaults, signature: "Kept" });
    const bad = await http("queue.updateMailSettings", {
      queueId, ...defaults, quoting: "some", notifyEmails: ["ok@example.test", "not-an-address"],
      autoresponderText: "x".repeat(5001), greeting: "g".repeat(501), signature: "y".repeat(2001),
    });
    expect(bad.error?.data.code).toBe("BAD_REQUEST");
    expect(bad.error?.data.fieldErrors).toMatchObject({
      quoting: ["Choose how much of the conversation a reply quotes"],
      notifyEmails: ["Not a valid e-mail address: not-an-address"],
      autoresponderText: ["The autoresponder text is too long (at most 5000 characters)"],
      greeting: ["The greeting is too long (at most 500 characters)"],
      signature: ["The signature is too long (at most 2000 characters)"],
    });
    const many = Array.from({ length: 21 }, (_, i) => `n${i}@example.test`);
    const tooMany = await http("queue.updateMailSettings", { queueId, ...defaults, notifyEmails: many });
    expect(tooMany.error?.data.fieldErrors?.notifyEmails).toEqual(["Enter at most 20 addresses"]);
    // 21 entries that are 20 addresses once de-duplicated are fine.
    const dupes = await http("queue.updateMailSettings", { queueId, ...defaults, signature: "Kept", notifyEmails: [...many.slice(0, 20), "N0@example.test"] });
    expect(dupes.error).toBeUndefined();

    const noAccount = await http("queue.updateMailSettings", { queueId, ...defaults, senderAccountId: 999_999 });
    expect(noAccount.error?.data.code).toBe("BAD_REQUEST");
    expect(noAccount.error?.data.fieldErrors?.senderAccountId).toEqual(["Choose an existing mail account"]);
    const noQueue = await http("queue.updateMailSettings", { queueId: 999_999, ...defaults });
    expect(noQueue.error?.data.code).toBe("NOT_FOUND");

    // The domain checks again for callers that skip the router.
    await expect(updateQueueMailSettings(deps.db, admin, queueId, { ...defaults, notifyEmails: ["nope"] })).rejects.toMatchObject({
      code: "INVALID", details: { fieldErrors: { notifyEmails: ["Not a valid e-mail address: nope"] } },
    });
    await expect(updateQueueMailSettings(deps.db, admin, queueId, { ...defaults, signature: "z".repeat(2001) })).rejects.toMatchObject({
      code: "INVALID",
    });
    const [row] = await deps.db.select().from(queues).where(eq(queues.id, queueId));
    expect(row).toMatchObject({ signature: "Kept", quoting: "last" });
    expect(row.notifyEmails).toHaveLength(20);
  });

  it("the saved signature and quoting change the text of a reply", async () => {
    const api = createCaller(testContext(deps, admin));
    const author = await makeUser(deps); // no signature of their own
    const ticket = await createTicket(deps, author, { title: "Quoting", queueId, customerEmail: `q-${stamp}@customer.test`, body: "First message" });
    // Three more customer mails after the first message: four to quote from, newest last.
    const start = Date.now() + 1000;
    await deps.db.insert(ticketEntries).values(
      ["Second message", "Third message", "Fourth message"].map((bodyText, i) => ({
        ticketId: ticket.id, kind: "customer_mail" as const, bodyText, fromEmail: `q-${stamp}@customer.test`,
        createdAt: new Date(start + i * 1000),
      })),
    );
    const compose = () => composeReplyText(deps.db, { ticketId: ticket.id, queueId, authorUserId: author.userId, body: "Reply." });

    await api.queue.updateMailSettings({ queueId, ...defaults, quoting: "none", signature: "Your Support Team" });
    expect(await compose()).toBe("Reply.\n\n-- \nYour Support Team");

    await api.queue.updateMailSettings({ queueId, ...defaults, quoting: "last", signature: "Your Support Team" });
    let text = await compose();
    expect(text.match(/ wrote:/g)).toHaveLength(1);
    expect(text).toContain("> Fourth message");

    await api.queue.updateMailSettings({ queueId, ...defaults, quoting: "last3", signature: "Sales" });
    text = await compose();
    expect(text).toMatch(/^Reply\.\n\n-- \nSales\n\n/);
    expect(text.match(/ wrote:/g)).toHaveLength(3);
    expect(text).not.toContain("> First message");

    await api.queue.updateMailSettings({ queueId, ...defaults, quoting: "all", signature: null });
    text = await compose();
    expect(text).not.toContain("-- \n");
    expect(text.match(/ wrote:/g)).toHaveLength(4);
  });

  it("an autoresponder without its own text sends the default text", async () => {
    await updateQueueMailSettings(deps.db, admin, queueId, { ...defaults, autoresponderEnabled: true, autoresponderText: "" });
    const [queue] = await deps.db.select().from(queues).where(eq(queues.id, queueId));
    expect(queue).toMatchObject({ autoresponderEnabled: true, autoresponderText: null });
    const t = await createTicket(deps, agent, { title: "Auto", queueId, customerEmail: `auto-${stamp}@customer.test`, body: "Hi" });
    const [ticket] = await deps.db.select().from(tickets).where(eq(tickets.id, t.id));
    const ids = await queueNewTicketMails(deps.db, deps.fallbackFrom, {
      ticket, queue, from: `auto-${stamp}@customer.test`, automatic: null, subject: "Hello", text: "Hi", messageId: null,
    });
    expect(ids).toHaveLength(1);
    const [mail] = await deps.db.select().from(outbox).where(eq(outbox.id, ids[0]));
    expect(mail).toMatchObject({ kind: "autoresponse", toEmails: [`auto-${stamp}@customer.test`] });
    expect(mail.bodyText).toMatch(/Thank you for your message/);
  });
});
