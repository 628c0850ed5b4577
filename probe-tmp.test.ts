import { it } from "vitest";
import { eq } from "drizzle-orm";
import { startDovecot } from "./e2e/fixtures/dovecot";
import { ensureSupportQueue, TEST_APP_SECRET, testDeps } from "./db/testing/test-deps";
import { mailAccounts } from "./db/schema";
import { sealSecret } from "./lib/secret-box";
import { watchAccount } from "./worker/imap/watch-account";
it("probe", async () => {
  const deps = testDeps();
  const d = await startDovecot({ users: { "p@x.test": "pw" } });
  const queueId = await ensureSupportQueue(deps);
  const [a] = await deps.db.insert(mailAccounts).values({ address: `probe-${Date.now()}@x.test`, imapHost: "127.0.0.1", imapPort: d.port, imapEncryption: "none", imapUser: "p@x.test", imapPassword: sealSecret("bad", TEST_APP_SECRET), smtpHost: "x", queueId, active: true }).returning();
  const w = watchAccount(deps, a.id, { mode: "idle", pollIntervalMs: 60000, appSecret: TEST_APP_SECRET, log: () => {} });
  await new Promise((r) => setTimeout(r, 4000));
  console.log("LASTERROR", (await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, a.id)))[0].lastError);
  await w.stop(); await deps.db.delete(mailAccounts).where(eq(mailAccounts.id, a.id)); await d.stop(); await deps.handle.close();
}, 30000);
