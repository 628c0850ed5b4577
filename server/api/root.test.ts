import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { ticketEntries } from "../../db/schema";
import { codeOf } from "./testing/code-of";
import { ensureSupportQueue, makeUser, TEST_APP_SECRET, testDeps } from "../../db/testing/test-deps";
import { createCaller } from "./root";

const deps = testDeps();
let queueId: number;
beforeAll(async () => {
  queueId = await ensureSupportQueue(deps);
});
afterAll(() => deps.handle.close());

describe("tRPC API guards", () => {
  it("every procedure refuses a caller without a session", async () => {
    const anon = createCaller({ deps, actor: null, appSecret: TEST_APP_SECRET });
    expect(await codeOf(anon.ticket.list({}))).toBe("UNAUTHORIZED");
    expect(await codeOf(anon.entry.reply({ ticketId: 1, body: "x" }))).toBe("UNAUTHORIZED");
    expect(await codeOf(anon.admin.outbox())).toBe("UNAUTHORIZED");
    expect(await codeOf(anon.me.get())).toBe("UNAUTHORIZED");
    expect(await codeOf(anon.me.profile())).toBe("UNAUTHORIZED");
    expect(await codeOf(anon.me.updateProfile({ greeting: "Hi", signature: null }))).toBe("UNAUTHORIZED");
    expect(await codeOf(anon.queue.mailSettings())).toBe("UNAUTHORIZED");
  });

  it("admin pages are for admins only", async () => {
    const agent = createCaller({ deps, actor: await makeUser(deps, "agent"), appSecret: TEST_APP_SECRET });
    const admin = createCaller({ deps, actor: await makeUser(deps, "admin"), appSecret: TEST_APP_SECRET });
    expect(await codeOf(agent.admin.quarantine())).toBe("FORBIDDEN");
    expect(await codeOf(admin.admin.quarantine())).toBe("OK");
    expect(await codeOf(agent.queue.mailSettings())).toBe("FORBIDDEN");
    expect(
      await codeOf(
        agent.queue.updateMailSettings({
          queueId, senderAccountId: null, autoresponderEnabled: false, autoresponderText: null, quoting: "last", notifyEmails: [], greeting: null, signature: null,
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(await codeOf(admin.queue.mailSettings())).toBe("OK");
    expect(await codeOf(agent.me.profile())).toBe("OK");
  });

  it("invalid input is refused before anything is saved", async () => {
    const agent = createCaller({ deps, actor: await makeUser(deps), appSecret: TEST_APP_SECRET });
    const body = `Refused ${Date.now()}`;
    expect(await codeOf(agent.ticket.create({ title: "", queueId, customerEmail: "not-an-address", body }))).toBe("BAD_REQUEST");
    // Counted by its own text: other test files create tickets in the same database meanwhile.
    expect(await deps.db.select({ id: ticketEntries.id }).from(ticketEntries).where(eq(ticketEntries.bodyText, body))).toEqual([]);
  });

  it("domain errors keep their meaning", async () => {
    const agent = createCaller({ deps, actor: await makeUser(deps), appSecret: TEST_APP_SECRET });
    expect(await codeOf(agent.entry.list({ ticketId: 999_999 }))).toBe("NOT_FOUND");
    const t = await agent.ticket.create({ title: "Call", queueId, customerEmail: "c@customer.test", body: "Called." });
    const row = await agent.ticket.get({ ticketId: t.id });
    expect(row.number).toBe(t.number);
    expect(await codeOf(agent.ticket.setStatus({ ticketId: t.id, statusId: 999_999 }))).toBe("BAD_REQUEST");
  });
});
