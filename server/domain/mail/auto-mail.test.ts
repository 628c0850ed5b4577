import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { outbox, queues } from "../../../db/schema";
import { ensureQueue } from "../../../db/seed";
import { testDeps } from "../../../db/testing/test-deps";
import { AUTO_MAILS_PER_RECIPIENT, AUTO_MAILS_PER_TICKET, mayAutoMail } from "./auto-mail";
import { ingestRawMail } from "./ingest";

/**
 * Loop test: a foreign help desk that answers every mail with a new one and strips every
 * automatic-mail header. Our autoresponder must stop at the per-recipient cap.
 */
const deps = testDeps();
let queueId: number;
const robot = `robot-${Date.now()}@other-desk.test`;

beforeAll(async () => {
  queueId = await ensureQueue(deps.db, `Loop ${Date.now()}`, 9);
  await deps.db
    .update(queues)
    .set({ autoresponderEnabled: true, autoresponderText: "We got your mail.", notifyEmails: [] })
    .where(eq(queues.id, queueId));
  const { mailRules } = await import("../../../db/schema");
  // Route the robot's and the OOO test's mails into the loop queue.
  await deps.db.insert(mailRules).values({
    name: `loop-queue-${queueId}`, position: -100, match: "any",
    conditions: [{ field: "from", op: "contains", value: "@other-desk.test" }],
    actions: { mode: "append", queueId },
  });
});
afterAll(() => deps.handle.close());

const mail = (from: string, subject: string, extra: string[] = []) =>
  Buffer.from(
    [`From: ${from}`, "To: support@helpdesk.test", `Subject: ${subject}`, `Message-ID: <${Math.random().toString(36).slice(2)}@other-desk.test>`, ...extra, "", "Hello"].join("\r\n"),
  );

describe("automatic mails", () => {
  it("answers a new ticket once, with the queue name, ticket number and subject", async () => {
    const from = `first-${Date.now()}@other-desk.test`;
    const r = await ingestRawMail(deps, { source: "file", raw: mail(from, "Where is my order?") });
    const sent = await deps.db.select().from(outbox).where(and(eq(outbox.ticketId, r.ticketId!), eq(outbox.kind, "autoresponse")));
    expect(sent).toHaveLength(1);
    expect(sent[0].subject).toMatch(new RegExp(`^Loop \\d+ \\[Ticket#${r.ticketNumber}\\] Where is my order\\?$`));
    expect(sent[0].toEmails).toEqual([from]);
    expect(sent[0].bodyText).toBe("We got your mail.");
    expect(deps.jobsSent).toContainEqual({ name: "outbox.deliver", payload: { outboxId: sent[0].id } });
  });

  it("never answers automatic mail: out-of-office, lists, bulk, mailer-daemon, empty Return-Path", async () => {
    const cases = [
      ["a@other-desk.test", ["Auto-Submitted: auto-replied"]],
      ["b@other-desk.test", ["Precedence: bulk"]],
      ["c@other-desk.test", ["List-Id: <news.other-desk.test>"]],
      ["d@other-desk.test", ["X-Autoreply: yes"]],
      ["e@other-desk.test", ["X-Auto-Response-Suppress: All"]],
      ["f@other-desk.test", ["Return-Path: <>"]],
      ["MAILER-DAEMON@other-desk.test", []],
      ["postmaster@other-desk.test", []],
    ] as const;
    for (const [from, headers] of cases) {
      const r = await ingestRawMail(deps, { source: "file", raw: mail(from, `Auto ${from}`, [...headers]) });
      expect(r.status, from).toBe("created");
      const sent = await deps.db.select().from(outbox).where(eq(outbox.ticketId, r.ticketId!));
      expect(sent, from).toEqual([]);
    }
  });

  it("a desk that answers every autoresponse with a new mail is stopped by the cap", async () => {
    let rounds = 0;
    for (; rounds < 100; rounds++) {
      const r = await ingestRawMail(deps, { source: "file", raw: mail(robot, `Your mail #${rounds}`) });
      const answered = await deps.db.select().from(outbox).where(and(eq(outbox.ticketId, r.ticketId!), eq(outbox.kind, "autoresponse")));
      if (answered.length === 0) break; // the loop is broken: the robot gets nothing to answer
    }
    const toRobot = (await deps.db.select().from(outbox).where(eq(outbox.kind, "autoresponse"))).filter((o) => o.toEmails.includes(robot));
    expect(toRobot).toHaveLength(AUTO_MAILS_PER_RECIPIENT);
    expect(rounds).toBe(AUTO_MAILS_PER_RECIPIENT);
  });

  it("caps automatic mail per ticket and address; staff notifications skip that cap", async () => {
    const r = await ingestRawMail(deps, { source: "file", raw: mail(`cap-${Date.now()}@customer.test`, "Cap per ticket") });
    const ticketId = r.ticketId!;
    const chatty = `chatty-${Date.now()}@customer.test`;
    await deps.db.insert(outbox).values(
      Array.from({ length: AUTO_MAILS_PER_TICKET }, (_, i) => ({
        ticketId, kind: "autoresponse" as const, fromEmail: "support@helpdesk.test", toEmails: [chatty],
        subject: "auto", bodyText: "auto", messageId: `cap-${Date.now()}-${i}@helpdesk.test`, status: "sent" as const,
      })),
    );
    expect(await mayAutoMail(deps.db, ticketId, chatty)).toBe(false);
    expect(await mayAutoMail(deps.db, ticketId, chatty.toUpperCase())).toBe(false);
    expect(await mayAutoMail(deps.db, ticketId, `other-${Date.now()}@customer.test`)).toBe(true);
    expect(await mayAutoMail(deps.db, ticketId, chatty, { perTicket: false })).toBe(true);
  });
});
