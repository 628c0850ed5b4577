import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { inboundMails, mailAccounts, quarantinedMails } from "../../../db/schema";
import { ensureSupportQueue, makeUser, testDeps } from "../../../db/testing/test-deps";
import { ingestRawMail } from "./ingest";
import { discardQuarantinedMail, retryQuarantinedMail } from "./quarantine";

const deps = testDeps();
beforeAll(() => ensureSupportQueue(deps));
afterAll(() => deps.handle.close());

const bigMail = (tag: string) =>
  Buffer.from(`From: q@customer.test\r\nSubject: Big ${tag}\r\nMessage-ID: <${tag}@customer.test>\r\n\r\n${"x".repeat(5000)}`);

async function quarantinedSmallAccountMail(tag: string) {
  const [account] = await deps.db
    .insert(mailAccounts)
    .values({ address: `small-${tag}@helpdesk.test`, imapHost: "h", imapUser: "u", imapPassword: "p", smtpHost: "h", maxMessageBytes: 1000, active: false })
    .returning();
  const r = await ingestRawMail(deps, { source: "imap", accountId: account.id, uidValidity: 1, uid: 1, raw: bigMail(tag) });
  expect(r.status).toBe("quarantined");
  const [q] = await deps.db.select().from(quarantinedMails).where(eq(quarantinedMails.inboundMailId, r.inboundMailId!));
  return { account, q, inboundId: r.inboundMailId! };
}

describe("quarantine", () => {
  it("an admin retries a quarantined mail once the cause is fixed; it becomes a ticket", async () => {
    const admin = await makeUser(deps, "admin");
    const { account, q } = await quarantinedSmallAccountMail(`retry-${Date.now()}`);
    expect(await retryQuarantinedMail(deps, admin, q.id)).toMatchObject({ status: "quarantined" });
    await deps.db.update(mailAccounts).set({ maxMessageBytes: 1_000_000 }).where(eq(mailAccounts.id, account.id));
    const r = await retryQuarantinedMail(deps, admin, q.id);
    expect(r.status).toBe("created");
    const [after] = await deps.db.select().from(quarantinedMails).where(eq(quarantinedMails.id, q.id));
    expect(after.resolvedAt).toBeInstanceOf(Date);
    await expect(retryQuarantinedMail(deps, admin, q.id)).rejects.toThrow(/not found/);
  });

  it("an admin discards one; the raw mail stays stored; agents may do neither", async () => {
    const [admin, agent] = [await makeUser(deps, "admin"), await makeUser(deps, "agent")];
    const { q, inboundId } = await quarantinedSmallAccountMail(`discard-${Date.now()}`);
    await expect(discardQuarantinedMail(deps, agent, q.id)).rejects.toThrow(/administrators/);
    await expect(retryQuarantinedMail(deps, agent, q.id)).rejects.toThrow(/administrators/);
    await discardQuarantinedMail(deps, admin, q.id);
    const [inbound] = await deps.db.select().from(inboundMails).where(eq(inboundMails.id, inboundId));
    expect(inbound.status).toBe("ignored");
    expect(inbound.raw.length).toBeGreaterThan(5000);
  });
});
