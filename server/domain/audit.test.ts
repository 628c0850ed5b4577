import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureQueue } from "../../db/seed";
import { makeUser, TEST_APP_SECRET, testContext, testDeps } from "../../db/testing/test-deps";
import { createCaller } from "../api/root";
import { diffSnapshots, listAudit } from "./audit";
import { createMailAccount, updateMailAccount } from "./mail/mail-accounts";
import { updateQueueMailSettings } from "./mail/queue-mail-settings";
import { updateUserAccess } from "./people/users";

const deps = testDeps();
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
let queueId: number;
beforeAll(async () => {
  queueId = await ensureQueue(deps.db, `Audit ${stamp}`, 99);
});
afterAll(() => deps.handle.close());

const newest = async (admin: Awaited<ReturnType<typeof makeUser>>, entity: Parameters<typeof listAudit>[2]["entity"]) =>
  (await listAudit(deps.db, admin, { limit: 1, entity })).items[0];

describe("audit log", () => {
  it("records who changed a user's access, with old and new values", async () => {
    const admin = await makeUser(deps, "admin");
    const agent = await makeUser(deps, "agent", { queues: { [queueId]: "manage" } });
    await updateUserAccess(deps, admin, agent.userId, { role: "backoffice", active: true, canOwnTickets: false, rights: ["ticket.view"], queues: { [queueId]: "read_own" } });
    const entry = await newest(admin, "user");
    expect(entry).toMatchObject({ actorName: admin.name, entity: "user", entityId: String(agent.userId), action: "update" });
    expect(entry.changes).toMatchObject({
      role: { from: "agent", to: "backoffice" },
      canOwnTickets: { from: true, to: false },
      rights: { from: expect.any(Array), to: ["ticket.view"] },
      queues: { from: { [queueId]: "manage" }, to: { [queueId]: "read_own" } },
    });
    expect(entry.changes).not.toHaveProperty("email");
  });

  it("records a queue's settings, and nothing when a save changes nothing", async () => {
    const admin = await makeUser(deps, "admin");
    const settings = { senderAccountId: null, autoresponderEnabled: false, autoresponderText: null, quoting: "last" as const, notifyEmails: [], greeting: null, signature: "Team" };
    await updateQueueMailSettings(deps.db, admin, queueId, settings);
    const entry = await newest(admin, "queue");
    expect(entry).toMatchObject({ entity: "queue", entityId: String(queueId), entityLabel: `Audit ${stamp}` });
    expect(entry.changes.signature).toEqual({ from: null, to: "Team" });
    await updateQueueMailSettings(deps.db, admin, queueId, settings);
    expect((await newest(admin, "queue")).id).toBe(entry.id);
  });

  it("never records a password, only that it changed", async () => {
    const admin = await makeUser(deps, "admin");
    const store = { db: deps.db, appSecret: TEST_APP_SECRET };
    const input = {
      address: `audit-${stamp}@desk.test`, senderName: null, replyTo: null, active: false,
      imapHost: "imap.desk.test", imapPort: 993, imapEncryption: "ssl" as const, imapUser: "u", imapPassword: "first-secret",
      smtpHost: "smtp.desk.test", smtpPort: 587, smtpEncryption: "starttls" as const, smtpUser: null, smtpPassword: null,
      queueId: null, statusId: null, priority: null, afterImport: "mark_seen" as const, afterImportFolder: null, maxMessageBytes: 10 * 1024 * 1024,
    };
    const account = await createMailAccount(store, admin, input);
    expect((await newest(admin, "mailAccount"))).toMatchObject({ action: "create", entityLabel: input.address });
    await updateMailAccount(store, admin, { ...input, id: account.id, imapPassword: "second-secret", imapPort: 143 });
    const entry = await newest(admin, "mailAccount");
    expect(entry.changes.imapPort).toEqual({ from: 993, to: 143 });
    expect(entry.changes.imapPassword).toEqual({ from: "•••", to: "•••" });
    expect(JSON.stringify(entry)).not.toMatch(/secret/);
  });

  it("is for admins only", async () => {
    const agent = await makeUser(deps);
    await expect(createCaller(testContext(deps, agent)).audit.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("diffs only what changed; creates and deletes list every field", () => {
    expect(diffSnapshots({ a: 1, b: [1] }, { a: 1, b: [2] })).toEqual({ b: { from: [1], to: [2] } });
    expect(diffSnapshots(null, { a: 1 })).toEqual({ a: { from: null, to: 1 } });
    expect(diffSnapshots({ smtpPassword: "x" }, null)).toEqual({ smtpPassword: { from: "•••", to: null } });
  });
});
