import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outbox } from "../db/schema";
import { upsertMailAccountFromUrls } from "../db/seed";
import { createFreshDatabase, type FreshDatabase } from "../db/testing/fresh-database";
import { makeUser, TEST_APP_SECRET, testDeps, type TestDeps } from "../db/testing/test-deps";
import { startSmtpCatcher, type SmtpCatcher } from "../e2e/fixtures/smtp-catcher";
import { authenticateUser } from "../server/auth/authenticate";
import { inviteUser } from "../server/domain/people/invitations";
import { mailPasswordReset, setPasswordWithToken } from "../server/domain/people/password-reset";
import { setSetting } from "../server/domain/config/settings";
import { createTransportFactory, deliverOutboxMail } from "./outbox/deliver";

/**
 * Account mails (A1) through the real sender: they belong to no ticket, come from the first
 * active mail account, say they are machine-made, and once out the stored copy no longer
 * holds the link (the token is a login). A database of its own, so the sender is known.
 */
describe("invitation and reset mails leave through the outbox", () => {
  let fresh: FreshDatabase;
  let deps: TestDeps;
  let catcher: SmtpCatcher;
  const sender = "desk@desk.test";

  beforeAll(async () => {
    fresh = await createFreshDatabase("account-mail");
    deps = { ...testDeps(fresh.url), appUrl: "https://desk.example.test/" };
    catcher = await startSmtpCatcher();
    await setSetting(deps.db, "mail.allowPrivateHosts", true);
    await upsertMailAccountFromUrls(deps.db, {
      address: sender, appSecret: TEST_APP_SECRET,
      imapUrl: `imap://${encodeURIComponent(sender)}:pw@127.0.0.1:143`, smtpUrl: `smtp://127.0.0.1:${catcher.port}`,
    });
  });
  afterAll(async () => {
    await catcher?.stop();
    await deps?.handle.close();
    await fresh?.drop();
  });

  const deliver = (id: number) =>
    deliverOutboxMail(deps.db, createTransportFactory(deps.db, TEST_APP_SECRET, null), id, { final: false, testModeAddress: null });
  const linkIn = (text: string) => /https:\/\/desk\.example\.test\/set-password\?token=([A-Za-z0-9_-]{43})/.exec(text)?.[1];

  it("an invitation arrives from the first active account, auto-generated, with a working link; the stored copy loses it", async () => {
    const admin = await makeUser(deps, "admin");
    const invited = await inviteUser(deps, admin, { email: "neu@customer.test", name: "Nina Neu", role: "agent" });
    const [row] = await deps.db.select().from(outbox).where(eq(outbox.kind, "account"));
    expect(await deliver(row.id)).toBe("sent");

    const mail = await catcher.waitFor((m) => m.to.includes("neu@customer.test"));
    expect(mail.from).toBe(sender);
    expect(mail.subject).toBe("Your invitation to the help desk");
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
    expect(mail.subject).not.toContain("[Ticket#");
    const token = linkIn(mail.text);
    expect(token).toBeDefined();

    const [stored] = await deps.db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(stored.status).toBe("sent");
    expect(stored.bodyText).not.toContain(token);
    expect(stored.bodyText).toContain("https://desk.example.test/set-password?token=[removed after sending]");

    await setPasswordWithToken(deps, { token: token!, password: "from the real mail" });
    expect(await authenticateUser(deps.db, "neu@customer.test", "from the real mail")).toMatchObject({ id: invited.id });
  });

  it("a reset mail the server refuses for good fails at once, and its stored copy loses the link too", async () => {
    const admin = await makeUser(deps, "admin");
    await inviteUser(deps, admin, { email: "weg@customer.test", name: "Willi Weg", role: "agent" });
    await deps.db.update(outbox).set({ status: "sent" }).where(eq(outbox.kind, "account")); // not under test here
    catcher.rejectRecipients.add("weg@customer.test");
    await mailPasswordReset(deps, { email: "weg@customer.test" }); // the worker's job behind a reset request
    const [row] = (await deps.db.select().from(outbox).where(eq(outbox.status, "queued"))).filter((r) => r.toEmails.includes("weg@customer.test"));
    expect(linkIn(row.bodyText)).toBeDefined();
    expect(await deliver(row.id)).toBe("failed");
    const [stored] = await deps.db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(stored).toMatchObject({ status: "failed", ticketId: null });
    expect(linkIn(stored.bodyText)).toBeUndefined();
  });
});
