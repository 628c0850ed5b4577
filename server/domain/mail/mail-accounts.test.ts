import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import { SMTPServer } from "smtp-server";
import { z } from "zod";
import { inboundMails, mailAccounts, statuses } from "../../../db/schema";
import { ensureQueue } from "../../../db/seed";
import { ensureSupportQueue, makeUser, TEST_APP_SECRET, testContext, testDeps } from "../../../db/testing/test-deps";
import { openSecret } from "../../../lib/secret-box";
import { appendMail, freePort, startDovecot, type DovecotServer } from "../../../e2e/fixtures/dovecot";
import { startSmtpCatcher, type SmtpCatcher } from "../../../e2e/fixtures/smtp-catcher";
import { createCaller } from "../../api/root";
import { mailAccountCreateInput } from "../../api/routers/mailAccount";
import type { Actor } from "../actor";
import { callOverHttp } from "../../api/testing/call-over-http";
import {
  classifyConnectionError, createMailAccount, testMailAccountFetch, testMailAccountSend, type MailAccountInput,
} from "./mail-accounts";
import { setSetting } from "../config/settings";

const deps = testDeps();
const store = { db: deps.db, appSecret: TEST_APP_SECRET };
let admin: Extract<Actor, { kind: "user" }>;
let agent: Extract<Actor, { kind: "user" }>;
let supportId: number;
let salesId: number;
let dovecot: DovecotServer;
let catcher: SmtpCatcher;
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const mailbox = `box-${stamp}@example.test`;
const mailboxPassword = "dovecot-pw-" + stamp;
let seq = 0;
const uniqueAddress = () => `acct-${stamp}-${seq++}@example.test`;

function validInput(over: Partial<MailAccountInput> = {}): MailAccountInput {
  return {
    address: uniqueAddress(), senderName: "Support", replyTo: null, active: false,
    imapHost: "127.0.0.1", imapPort: dovecot?.port ?? 143, imapEncryption: "none", imapUser: mailbox, imapPassword: mailboxPassword,
    smtpHost: "127.0.0.1", smtpPort: catcher?.port ?? 25, smtpEncryption: "none", smtpUser: mailbox, smtpPassword: "smtp-secret-" + stamp,
    queueId: supportId, statusId: null, priority: 3, afterImport: "mark_seen", afterImportFolder: null,
    maxMessageBytes: 10 * 1024 * 1024,
    ...over,
  };
}

const http = (path: string, input: unknown, actor: Actor | null = admin) => callOverHttp(deps, path, input, actor);

beforeAll(async () => {
  admin = await makeUser(deps, "admin");
  agent = await makeUser(deps, "agent");
  supportId = await ensureSupportQueue(deps);
  salesId = await ensureQueue(deps.db, "Sales", 1);
  [dovecot, catcher] = await Promise.all([startDovecot({ users: { [mailbox]: mailboxPassword } }), startSmtpCatcher()]);
  // The servers listen on 127.0.0.1, which the host guard refuses unless this is on.
  await setSetting(deps.db, "mail.allowPrivateHosts", true);
});
afterAll(async () => {
  await Promise.allSettled([dovecot?.stop(), catcher?.stop()]);
  await deps.handle.close();
});

describe("mail accounts: storage and secrets", () => {
  it("seals passwords in the database and never returns them", async () => {
    const api = createCaller(testContext(deps, admin));
    const input = validInput({ imapPassword: "imap-plain-" + stamp, smtpPassword: "smtp-plain-" + stamp });
    const created = await api.mailAccount.create(input);
    expect(created).toMatchObject({ address: input.address, hasImapPassword: true, hasSmtpPassword: true, state: "stopped" });

    const [row] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, created.id));
    expect(row.imapPassword).toMatch(/^v1:/);
    expect(row.imapPassword).not.toContain("imap-plain");
    expect(openSecret(row.imapPassword, TEST_APP_SECRET)).toBe("imap-plain-" + stamp);
    expect(openSecret(row.smtpPassword!, TEST_APP_SECRET)).toBe("smtp-plain-" + stamp);

    const list = await api.mailAccount.list();
    const got = await api.mailAccount.get({ id: created.id });
    for (const out of [list, got, created]) {
      const json = JSON.stringify(out);
      expect(json).not.toContain("plain-" + stamp);
      expect(json).not.toContain(row.imapPassword);
      expect(json).not.toMatch(/"(imap|smtp)Password"/);
    }
    expect(list.find((a) => a.id === created.id)?.hasImapPassword).toBe(true);
  });

  it("keeps a stored password when the field is left blank on update, replaces it when given", async () => {
    const api = createCaller(testContext(deps, admin));
    const created = await api.mailAccount.create(validInput({ imapPassword: "first", smtpPassword: "smtp-first" }));
    const { id, hasImapPassword: _a, hasSmtpPassword: _b, state: _s, lastFetchAt: _l, lastError: _e, lastErrorAt: _t, ...fields } = created;
    await api.mailAccount.update({ ...fields, id, senderName: "Renamed", imapPassword: "", smtpPassword: undefined });
    let [row] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, id));
    expect(row.senderName).toBe("Renamed");
    expect(openSecret(row.imapPassword, TEST_APP_SECRET)).toBe("first");
    expect(openSecret(row.smtpPassword!, TEST_APP_SECRET)).toBe("smtp-first");

    await api.mailAccount.update({ ...fields, id, imapPassword: "second", smtpPassword: "" });
    [row] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, id));
    expect(openSecret(row.imapPassword, TEST_APP_SECRET)).toBe("second");

    // No SMTP user: no SMTP password is kept either.
    await api.mailAccount.update({ ...fields, id, smtpUser: "", smtpPassword: "" });
    [row] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, id));
    expect(row.smtpUser).toBeNull();
    expect(row.smtpPassword).toBeNull();
  });

  it("a different mailbox starts the UID sync afresh", async () => {
    const created = await createMailAccount(store, admin, validInput());
    await deps.db.update(mailAccounts).set({ uidValidity: 7, lastUid: 42 }).where(eq(mailAccounts.id, created.id));
    const api = createCaller(testContext(deps, admin));
    const { hasImapPassword: _a, hasSmtpPassword: _b, state: _s, lastFetchAt: _l, lastError: _e, lastErrorAt: _t, ...fields } = created;
    await api.mailAccount.update({ ...fields, senderName: "Same mailbox" });
    let [row] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, created.id));
    expect(row).toMatchObject({ uidValidity: 7, lastUid: 42 });
    await api.mailAccount.update({ ...fields, imapUser: "someone-else@example.test" });
    [row] = await deps.db.select().from(mailAccounts).where(eq(mailAccounts.id, created.id));
    expect(row).toMatchObject({ uidValidity: null, lastUid: 0 });
  });

  it("is for admins only", async () => {
    const api = createCaller(testContext(deps, agent));
    await expect(api.mailAccount.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.mailAccount.create(validInput())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.settings.get()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createMailAccount(store, agent, validInput())).rejects.toMatchObject({ code: "FORBIDDEN" });
    const anon = createCaller(testContext(deps, null));
    await expect(anon.mailAccount.testFetch({ accountId: 1 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("toggles active and deletes only unreferenced accounts", async () => {
    const api = createCaller(testContext(deps, admin));
    const a = await api.mailAccount.create(validInput({ active: true }));
    expect((await api.mailAccount.setActive({ id: a.id, active: false })).active).toBe(false);
    expect(await api.mailAccount.delete({ id: a.id })).toEqual({ id: a.id });
    await expect(api.mailAccount.get({ id: a.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const used = await api.mailAccount.create(validInput());
    await deps.db.insert(inboundMails).values([1, 2].map((uid) => ({
      source: "imap" as const, accountId: used.id, uidValidity: 1, uid, raw: Buffer.from("x"), sha256: `h${uid}`,
    })));
    const refused = await http("mailAccount.delete", { id: used.id });
    expect(refused.error?.data.code).toBe("CONFLICT");
    expect(refused.error?.message).toMatch(/2 received mails/);
    expect(refused.error?.message).toMatch(/Deactivate it instead/);
    expect((await api.mailAccount.get({ id: used.id })).id).toBe(used.id);
  });
});

describe("mail accounts: validation", () => {
  it("gives every invalid field its own message", () => {
    const bad = mailAccountCreateInput.safeParse({
      ...validInput(),
      address: "not-an-address", replyTo: "nope", imapHost: "", imapPort: 0, smtpPort: 70000, imapEncryption: "tls",
      imapUser: "", priority: 9, afterImport: "move", afterImportFolder: "", maxMessageBytes: 1000, senderName: "a\r\nBcc: x@y",
    });
    expect(bad.success).toBe(false);
    const fields = z.flattenError(bad.error!).fieldErrors as Record<string, string[]>;
    expect(fields.address).toEqual(["Enter a valid e-mail address"]);
    expect(fields.replyTo).toEqual(["Enter a valid reply-to address or leave it empty"]);
    expect(fields.imapHost?.[0]).toBe("Enter the IMAP server's host name");
    expect(fields.imapPort).toEqual(["Enter an IMAP port between 1 and 65535"]);
    expect(fields.smtpPort).toEqual(["Enter an SMTP port between 1 and 65535"]);
    expect(fields.imapEncryption?.[0]).toMatch(/IMAP encryption/);
    expect(fields.imapUser).toEqual(["Enter the IMAP user name"]);
    expect(fields.priority).toEqual(["Choose a priority from 0 to 5"]);
    expect(fields.afterImportFolder).toEqual(["Enter the folder imported mail is moved to"]);
    expect(fields.maxMessageBytes).toEqual(["Enter a size between 1 MB and 100 MB"]);
    expect(fields.senderName).toEqual(["The sender name must be one line"]);
  });

  it("returns field errors over HTTP, also for rules that need the database", async () => {
    const zodError = await http("mailAccount.create", { ...validInput(), imapPort: -1 });
    expect(zodError.error?.data.code).toBe("BAD_REQUEST");
    expect(zodError.error?.data.fieldErrors?.imapPort).toEqual(["Enter an IMAP port between 1 and 65535"]);

    const [salesStatus] = await deps.db.select().from(statuses).where(eq(statuses.queueId, salesId));
    const wrongStatus = await http("mailAccount.create", { ...validInput(), queueId: supportId, statusId: salesStatus.id });
    expect(wrongStatus.error?.data.code).toBe("BAD_REQUEST");
    expect(wrongStatus.error?.data.fieldErrors?.statusId).toEqual(["This status does not belong to the chosen queue"]);

    const [supportStatus] = await deps.db.select().from(statuses).where(eq(statuses.queueId, supportId));
    const ok = await http("mailAccount.create", { ...validInput(), queueId: supportId, statusId: supportStatus.id });
    expect(ok.error).toBeUndefined();
    const address = (ok.result as { address: string }).address;

    const taken = await http("mailAccount.create", { ...validInput(), address: address.toUpperCase() });
    expect(taken.error?.data.code).toBe("CONFLICT");
    expect(taken.error?.data.fieldErrors?.address).toEqual(["Another mail account already uses this address"]);

    const noPassword = await http("mailAccount.create", { ...validInput(), imapPassword: "" });
    expect(noPassword.error?.data.fieldErrors?.imapPassword).toEqual(["Enter the IMAP password"]);
  });

  it("stores and validates the admin settings", async () => {
    const api = createCaller(testContext(deps, admin));
    const before = await api.settings.get();
    expect(typeof before.allowPrivateHosts).toBe("boolean");
    const bad = await http("settings.update", { testModeAddress: "nope" });
    expect(bad.error?.data.fieldErrors?.testModeAddress).toEqual(["Enter a valid e-mail address or leave the field empty"]);
    expect(await api.settings.update({ testModeAddress: " Test@Example.TEST " })).toMatchObject({ testModeAddress: "test@example.test" });
    expect(await api.settings.update({ testModeAddress: "" })).toMatchObject({ testModeAddress: null });
    expect((await api.settings.get()).allowPrivateHosts).toBe(before.allowPrivateHosts);
  });
});

describe("mail accounts: test fetch and test send", () => {
  it("connects to a real IMAP server and counts unseen mail", async () => {
    await appendMail(dovecot, mailbox, "From: a@customer.test\r\nSubject: one\r\n\r\nhi");
    await appendMail(dovecot, mailbox, "From: b@customer.test\r\nSubject: two\r\n\r\nhi");
    const api = createCaller(testContext(deps, admin));
    const saved = await api.mailAccount.create(validInput());

    expect(await api.mailAccount.testFetch({ accountId: saved.id })).toEqual({ ok: true, unseen: 2, messages: 2 });
    // Unsaved form settings, the password left blank: the stored one is used.
    expect(
      await api.mailAccount.testFetch({
        accountId: saved.id, imapHost: "127.0.0.1", imapPort: dovecot.port, imapEncryption: "none", imapUser: mailbox, imapPassword: "",
      }),
    ).toEqual({ ok: true, unseen: 2, messages: 2 });
  });

  it("names the failure: wrong password, closed port, TLS, unknown host, timeout", async () => {
    const api = createCaller(testContext(deps, admin));
    const form = { imapHost: "127.0.0.1", imapPort: dovecot.port, imapEncryption: "none" as const, imapUser: mailbox };

    expect(await api.mailAccount.testFetch({ ...form, imapPassword: "wrong" })).toEqual({
      ok: false, kind: "auth", message: "Authentication failed",
    });
    expect(await api.mailAccount.testFetch({ ...form, imapPort: await freePort(), imapPassword: "x" })).toEqual({
      ok: false, kind: "refused", message: "Connection refused",
    });
    const tls = await api.mailAccount.testFetch({ ...form, imapEncryption: "ssl", imapPassword: mailboxPassword });
    expect(tls).toMatchObject({ ok: false, kind: "tls" });
    expect(tls.ok === false && tls.message).toMatch(/^TLS error: /);
    const starttls = await api.mailAccount.testFetch({ ...form, imapEncryption: "starttls", imapPassword: mailboxPassword });
    expect(starttls).toMatchObject({ ok: false, kind: "tls" });
    expect(await api.mailAccount.testFetch({ ...form, imapHost: "no-such-host.invalid", imapPassword: "x" })).toEqual({
      ok: false, kind: "dns", message: "Host not found",
    });

    // A server that accepts the connection and then says nothing.
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const started = Date.now();
      const r = await testMailAccountFetch(store, admin, { server: { host: "127.0.0.1", port, encryption: "none", user: "u", password: "p" } }, 1000);
      expect(r).toEqual({ ok: false, kind: "timeout", message: "Timed out after 1 s" });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.close();
    }
  });

  it("verifies SMTP: ok, refused, auth, TLS", async () => {
    const api = createCaller(testContext(deps, admin));
    const form = { smtpHost: "127.0.0.1", smtpPort: catcher.port, smtpEncryption: "none" as const, smtpUser: mailbox, smtpPassword: "any" };
    expect(await api.mailAccount.testSend(form)).toEqual({ ok: true });
    const saved = await api.mailAccount.create(validInput());
    expect(await api.mailAccount.testSend({ accountId: saved.id })).toEqual({ ok: true });
    expect(await api.mailAccount.testSend({ ...form, smtpPort: await freePort() })).toEqual({
      ok: false, kind: "refused", message: "Connection refused",
    });
    expect(await api.mailAccount.testSend({ ...form, smtpEncryption: "starttls" })).toMatchObject({ ok: false, kind: "tls" });

    const strict = new SMTPServer({
      authOptional: false, disabledCommands: ["STARTTLS"], allowInsecureAuth: true, logger: false,
      onAuth: (_auth, _session, cb) => cb(new Error("Invalid username or password")),
    });
    const port = await freePort();
    await new Promise<void>((r) => strict.listen(port, "127.0.0.1", r));
    try {
      expect(await api.mailAccount.testSend({ ...form, smtpPort: port })).toEqual({ ok: false, kind: "auth", message: "Authentication failed" });
    } finally {
      await new Promise<void>((r) => strict.close(() => r()));
    }
  });

  it("needs an account or the server settings", async () => {
    const api = createCaller(testContext(deps, admin));
    await expect(api.mailAccount.testFetch({})).rejects.toBeInstanceOf(TRPCError);
    const missingPort = await http("mailAccount.testFetch", { imapHost: "127.0.0.1", imapEncryption: "none", imapUser: "u" });
    expect(missingPort.error?.data.fieldErrors?.imapPort).toBeTruthy();
    expect(await testMailAccountSend(store, admin, { server: { host: "127.0.0.1", port: catcher.port, encryption: "none", user: null } })).toEqual({ ok: true });
  });

  it("classifies errors from either library", () => {
    expect(classifyConnectionError(Object.assign(new Error("x"), { code: "EAUTH", responseCode: 535 })).kind).toBe("auth");
    expect(classifyConnectionError(Object.assign(new Error("getaddrinfo ENOTFOUND x"), { code: "EDNS" })).kind).toBe("dns");
    expect(classifyConnectionError(Object.assign(new Error("Greeting never received"), { code: "ETIMEDOUT" }))).toEqual({
      ok: false, kind: "timeout", message: "Timed out after 15 s",
    });
    expect(classifyConnectionError(Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }))).toEqual({
      ok: false, kind: "tls", message: "TLS error: self-signed certificate",
    });
  });
});
