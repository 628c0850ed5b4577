import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { connectDb, type Db } from "../db/client";
import { attachments, contacts, inboundMails, mailAccounts, outbox, quarantinedMails, ticketEntries, tickets } from "../db/schema";
import { upsertMailAccountFromUrls } from "../db/seed";
import { createFreshDatabase, type FreshDatabase } from "../db/testing/fresh-database";
import { makeUser, TEST_APP_SECRET, testDeps, type TestDeps } from "../db/testing/test-deps";
import { waitFor } from "../db/testing/wait-for";
import { appendMail, freePort, startDovecot, type DovecotServer } from "../e2e/fixtures/dovecot";
import { retryQuarantinedMail } from "../server/domain/mail/quarantine";
import { setSetting } from "../server/domain/config/settings";
import { bigAttachmentMail } from "./fixtures/generate";
import { watchAccount } from "./imap/watch-account";

/**
 * The real-world fixture corpus, through `npm run ingest` and through Dovecot, each into a
 * database of its own: every mail is filed or quarantined, and what a person reads (subject,
 * sender name, every text part, attachments, reference numbers) comes out right. Then the
 * two cases that need state first: a reply to a ticket that was merged meanwhile, and a
 * 30 MB mail, over the default size cap until an admin raises the account's cap.
 */
const root = path.resolve(import.meta.dirname, "..");
const folder = path.join(root, "worker", "fixtures", "mails");
const afterMerge = path.join(root, "worker", "fixtures", "after-merge", "reply-to-merged.eml");
const files = readdirSync(folder).filter((f) => f.endsWith(".eml")).sort();
const run = promisify(execFile);
const BIG = 30 * 1024 * 1024;
const rawBytes = sql<number>`octet_length(${inboundMails.raw})::int`;

/** The titles of the two tickets the merge case joins: the return request goes into the printer ticket. */
const MERGED_SOURCE = "Rücksendung: Größe passt nicht (Ärmel zu kurz)";
const MERGE_TARGET = "Drucker im 2. OG zeigt Fehler";

async function ticketTitled(db: Db, title: string) {
  const [ticket] = await db.select().from(tickets).where(eq(tickets.title, title));
  expect(ticket, title).toBeDefined();
  const entries = await db.select().from(ticketEntries).where(eq(ticketEntries.ticketId, ticket.id)).orderBy(asc(ticketEntries.id));
  const files = await db
    .select({ filename: attachments.filename, contentType: attachments.contentType, size: attachments.size, sha256: attachments.sha256 })
    .from(attachments)
    .where(inArray(attachments.entryId, entries.map((e) => e.id).concat(-1)));
  return { ticket, entries, files };
}

/** What a person reads of the corpus, the same whichever way it came in. */
async function expectCorpusReadable(db: Db) {
  const apple = await ticketTitled(db, "Drucker im 2. OG zeigt Fehler");
  expect(apple.entries[0].bodyText).toMatch(/PART-ONE[\s\S]*PART-TWO[\s\S]*PART-THREE/);
  expect(apple.files.map((f) => f.filename).sort()).toEqual(["IMG_0042.png", "IMG_0043.png"]);

  const latin1 = await ticketTitled(db, "Rücksendung: Größe passt nicht (Ärmel zu kurz)");
  expect(latin1.entries[0].bodyText).toContain("die Ärmel sind zu kurz");
  const [sender] = await db.select().from(contacts).where(eq(contacts.id, latin1.entries[0].authorContactId!));
  expect(sender.name).toBe("Jürgen Müller");

  const cp1252 = await ticketTitled(db, "Angebot „Wartung 2026“ – Preis 1.200 €");
  expect(cp1252.entries[0].bodyText).toContain("„Wartung 2026“ – Preis 1.200 € netto");

  const broken = await ticketTitled(db, "Problem z logowaniem");
  expect(broken.entries[0].bodyText).toContain("nie mogę się zalogować");
  expect(broken.entries[0].bodyText).toContain("\uFFFD");

  expect((await ticketTitled(db, "Rückfrage zu Bestellung – Lieferung fehlt 📦")).entries).toHaveLength(1);
  const noFrom = await ticketTitled(db, "Scan to Mail - Lager");
  expect(noFrom.entries[0]).toMatchObject({ fromEmail: null });
  expect(noFrom.entries[0].bodyText).toContain("MFP-LAGER-01");
  expect((await ticketTitled(db, "Nachtlauf Bericht")).entries[0].bodyText.length).toBeGreaterThan(0);

  // Encoded words mailparser leaves raw (UTF-7 from old Outlook); a sender only in Reply-To.
  const utf7 = await ticketTitled(db, "Drucker im Büro streikt, Größe");
  expect(utf7.entries[0].fromEmail).toBe("j.groessmann@example.at");
  const [utf7Sender] = await db.select().from(contacts).where(eq(contacts.id, utf7.entries[0].authorContactId!));
  expect(utf7Sender.name).toBe("Jürgen Größmann");
  const form = await ticketTitled(db, "Kontaktformular: Frage zur Lieferzeit");
  expect(form.entries[0].fromEmail).toBe("erika.mueller@example.org");

  const html = await ticketTitled(db, "Fehlermeldung beim Export");
  expect(html.entries[0].bodyHtml).toContain("cid:image001.png");
  expect(html.entries[0].bodyHtml).not.toMatch(/<script|onclick/i);
  expect(html.files.map((f) => f.contentType).sort()).toEqual(["application/pdf", "image/png"]);
  for (const f of html.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);

  const nested = await ticketTitled(db, "Fwd: Rechnung fehlerhaft");
  expect(nested.files).toEqual([expect.objectContaining({ contentType: "message/rfc822", filename: "Rechnung März Betrag stimmt nicht.eml" })]);

  const refs = await ticketTitled(db, "AW: Lieferung unvollständig");
  expect(refs.ticket).toMatchObject({ customerNumber: "K-10442", orderNumber: "2026-11-0815", invoiceNumber: "RE-2026-001" });

  // Automatic mail (out-of-office, newsletter) is filed but never answered.
  for (const title of ["Automatische Antwort: [Ticket#10042] Drucker druckt nicht", "Release 4.2: neue Funktionen im Ueberblick"]) {
    const { ticket } = await ticketTitled(db, title);
    expect(await db.select().from(outbox).where(and(eq(outbox.ticketId, ticket.id), eq(outbox.kind, "autoresponse"))), title).toEqual([]);
  }
}

/** Merges the return request into the printer ticket the way a merge leaves it: the source points at its target. */
async function mergeReturnIntoPrinter(db: Db) {
  const source = await ticketTitled(db, MERGED_SOURCE);
  const target = await ticketTitled(db, MERGE_TARGET);
  await db.update(tickets).set({ mergedIntoId: target.ticket.id }).where(eq(tickets.id, source.ticket.id));
  return { source: source.ticket, target: target.ticket };
}

async function expectReplyInTarget(db: Db, sourceId: number, targetId: number) {
  const [reply] = await db.select().from(ticketEntries).where(eq(ticketEntries.messageId, "20260312091440.4802@mail.example.de"));
  expect(reply).toMatchObject({ ticketId: targetId, kind: "customer_mail" });
  expect(reply.bodyText).toContain("Rücksendeetikett noch nicht erhalten");
  expect(await db.select().from(ticketEntries).where(eq(ticketEntries.ticketId, sourceId))).toHaveLength(1);
}

describe("fixture corpus through npm run ingest", () => {
  let fresh: FreshDatabase;
  let handle: ReturnType<typeof connectDb>;
  const ingest = async (...args: string[]) => {
    const { stdout } = await run(path.join(root, "node_modules", ".bin", "tsx"), ["worker/ingest-cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: fresh.url, APP_SECRET: TEST_APP_SECRET },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout.trim().split("\n").map((l) => JSON.parse(l) as { file: string; status: string; ticketNumber: number | null; reason: string | null; attachments: unknown[] });
  };
  beforeAll(async () => {
    fresh = await createFreshDatabase("corpus");
    handle = connectDb(fresh.url, { max: 2 });
  });
  afterAll(async () => {
    await handle?.close();
    await fresh?.drop();
  });

  it("files every fixture, prints one JSON line each, and keeps what a person reads", async () => {
    const lines = await ingest(folder);
    expect(lines.map((l) => path.basename(l.file))).toEqual(files);
    const byFile = Object.fromEntries(lines.map((l) => [path.basename(l.file), l]));
    expect(byFile["not-a-mail.eml"]).toMatchObject({ status: "quarantined", reason: expect.stringContaining("no mail headers") });
    for (const f of files.filter((f) => f !== "not-a-mail.eml")) expect(byFile[f].status, f).toBe("created");
    await expectCorpusReadable(handle.db);
  }, 120_000);

  it("a reply to a ticket merged meanwhile lands in the ticket it was merged into", async () => {
    const { source, target } = await mergeReturnIntoPrinter(handle.db);
    const [line] = await ingest(afterMerge);
    expect(line).toMatchObject({ status: "appended", ticketNumber: target.number });
    await expectReplyInTarget(handle.db, source.id, target.id);
  }, 60_000);

  it("a 30 MB mail is over the default cap: quarantined with the size as the reason, nothing lost", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "big-mail-"));
    try {
      const file = path.join(dir, "big.eml");
      writeFileSync(file, bigAttachmentMail(BIG));
      const [line] = await ingest(file);
      expect(line).toMatchObject({ status: "quarantined", reason: expect.stringMatching(/over the 26214400-byte limit/) });
      const [stored] = await handle.db.select({ bytes: rawBytes }).from(inboundMails).where(eq(inboundMails.status, "quarantined")).orderBy(desc(inboundMails.id)).limit(1);
      expect(stored.bytes).toBe(BIG);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("fixture corpus over IMAP", () => {
  let fresh: FreshDatabase;
  let deps: TestDeps;
  let dovecot: DovecotServer;
  let accountId: number;
  let address: string;
  const inbound = () =>
    deps.db.select({ id: inboundMails.id, status: inboundMails.status }).from(inboundMails).where(eq(inboundMails.accountId, accountId));
  /** Runs the account's watcher until `done` holds. */
  async function watchUntil(what: string, done: () => Promise<boolean>, timeoutMs = 30_000) {
    const watcher = watchAccount(deps, accountId, { mode: "idle", pollIntervalMs: 60_000, appSecret: TEST_APP_SECRET, log: () => {} });
    try {
      await waitFor(what, done, timeoutMs);
    } finally {
      await watcher.stop();
    }
  }

  beforeAll(async () => {
    fresh = await createFreshDatabase("corpus-imap");
    deps = testDeps(fresh.url);
    address = `corpus-${Date.now()}@example.test`;
    const password = `pw-${Date.now()}`;
    dovecot = await startDovecot({ users: { [address]: password } });
    await setSetting(deps.db, "mail.allowPrivateHosts", true);
    accountId = await upsertMailAccountFromUrls(deps.db, {
      address, appSecret: TEST_APP_SECRET,
      imapUrl: `imap://${encodeURIComponent(address)}:${password}@127.0.0.1:${dovecot.port}`,
      smtpUrl: `smtp://127.0.0.1:${await freePort()}`,
    });
    for (const f of files) await appendMail(dovecot, address, readFileSync(path.join(folder, f)));
  }, 60_000);
  afterAll(async () => {
    await dovecot?.stop();
    await deps?.handle.close();
    await fresh?.drop();
  });

  it("every fixture APPENDed to Dovecot is filed or quarantined, and reads as it should", async () => {
    await watchUntil("the corpus filed", async () => {
      const rows = await inbound();
      return rows.length === files.length && rows.every((r) => r.status !== "received");
    });
    const rows = await inbound();
    expect(rows.filter((r) => r.status === "quarantined")).toHaveLength(1);
    expect(rows.filter((r) => r.status === "created")).toHaveLength(files.length - 1);
    await expectCorpusReadable(deps.db);
  });

  it("a reply to a ticket merged meanwhile lands in the ticket it was merged into", async () => {
    const { source, target } = await mergeReturnIntoPrinter(deps.db);
    await appendMail(dovecot, address, readFileSync(afterMerge));
    await watchUntil("the reply filed", async () => (await inbound()).length === files.length + 1 && (await inbound()).every((r) => r.status !== "received"));
    await expectReplyInTarget(deps.db, source.id, target.id);
  });

  it("a 30 MB mail: quarantined at the default cap; once the admin raises the account's cap, retry files it whole", async () => {
    await appendMail(dovecot, address, bigAttachmentMail(BIG));
    const bigRow = async () => (await deps.db.select().from(inboundMails).where(and(eq(inboundMails.accountId, accountId), eq(rawBytes, BIG))))[0];
    await watchUntil("the big mail quarantined", async () => (await bigRow())?.status === "quarantined", 60_000);
    const [item] = await deps.db.select().from(quarantinedMails).where(eq(quarantinedMails.inboundMailId, (await bigRow()).id));
    expect(item.reason).toMatch(/over the 26214400-byte limit/);

    await deps.db.update(mailAccounts).set({ maxMessageBytes: 40 * 1024 * 1024 }).where(eq(mailAccounts.id, accountId));
    const result = await retryQuarantinedMail(deps, await makeUser(deps, "admin"), item.id);
    expect(result.status).toBe("created");
    const big = await ticketTitled(deps.db, `Big attachment (${BIG} bytes)`);
    expect(big.files).toEqual([expect.objectContaining({ filename: "protokoll.pdf", contentType: "application/pdf" })]);
    // 30 MB of base64 in 76-character lines decode to about 22.9 MB.
    expect(big.files[0].size).toBeGreaterThan(22_900_000);
    expect(big.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(big.entries[0].bodyText).toContain("Anbei das komplette Protokoll.");
  }, 120_000);
});
