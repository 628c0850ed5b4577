import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { eq, like, sql } from "drizzle-orm";
import { inboundMails, quarantinedMails, ticketEntries } from "../db/schema";
import { ensureBaseData } from "../db/seed";
import { createFreshDatabase, type FreshDatabase } from "../db/testing/fresh-database";
import { testDeps, type TestDeps } from "../db/testing/test-deps";
import { ingestRawMail, type IngestResult } from "../server/domain/mail/ingest";
import { mutateMail, seededRng } from "./fixtures/mutate-mail";
import { poisonMails } from "./fixtures/poison-mails";

/**
 * Fuzz: 2,000 seeded byte-level mutations of the fixture corpus (and the poison mails) go
 * through ingest. Every mutation gets a result, nothing throws, and nothing is lost: each raw
 * mail is stored and ends filed on a ticket, a duplicate, ignored or quarantined.
 */
const MUTATIONS = 2000;
const SEED = 20261208;
const CONCURRENCY = 4;
const folder = path.resolve(import.meta.dirname, "fixtures", "mails");
const corpus = [
  ...readdirSync(folder).filter((f) => f.endsWith(".eml")).sort().map((f) => readFileSync(path.join(folder, f))),
  ...poisonMails("fuzz").map((p) => p.raw),
];

/** Most mutations get a Message-ID of their own, so they are filed instead of deduplicated. */
function withMessageId(raw: Buffer, id: string): Buffer {
  return Buffer.from(raw.toString("latin1").replace(/^(Message-ID:\s*)<[^>\r\n]*>/im, `$1<${id}>`), "latin1");
}

describe("ingest fuzz", () => {
  let fresh: FreshDatabase;
  let deps: TestDeps;
  beforeAll(async () => {
    fresh = await createFreshDatabase("fuzz");
    deps = testDeps(fresh.url);
    await ensureBaseData(deps.db);
  });
  afterAll(async () => {
    await deps?.handle.close();
    await fresh?.drop();
  });

  it(`${MUTATIONS} mutations of the corpus: every one gets a result, none is lost`, async () => {
    const rnd = seededRng(SEED);
    const mails = Array.from({ length: MUTATIONS }, (_, i) => {
      const base = corpus[i % corpus.length];
      const { raw, applied } = mutateMail(rnd() < 0.7 ? withMessageId(base, `fuzz-${i}@fuzz.test`) : base, rnd);
      return { origin: `fuzz-${i} ${applied.join("+")}`, raw };
    });
    const results: (IngestResult | Error)[] = Array(MUTATIONS);
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < MUTATIONS) {
          const i = next++;
          results[i] = await ingestRawMail(deps, { source: "file", ...mails[i] }).catch((err: Error) => err);
        }
      }),
    );
    const thrown = results.map((r, i) => (r instanceof Error ? `${mails[i].origin}: ${r.message}` : null)).filter(Boolean);
    expect(thrown).toEqual([]);

    const rows = await deps.db
      .select({ id: inboundMails.id, origin: inboundMails.origin, status: inboundMails.status, entryId: inboundMails.entryId, ticketId: inboundMails.ticketId })
      .from(inboundMails)
      .where(like(inboundMails.origin, "fuzz-%"));
    expect(rows).toHaveLength(MUTATIONS);
    const byOrigin = new Map(rows.map((r) => [r.origin, r]));
    const quarantined = new Set(
      (await deps.db.select({ id: quarantinedMails.inboundMailId }).from(quarantinedMails)).map((q) => q.id),
    );
    const entries = new Set((await deps.db.select({ id: ticketEntries.id }).from(ticketEntries)).map((e) => e.id));
    const lost: string[] = [];
    results.forEach((r, i) => {
      const row = byOrigin.get(mails[i].origin);
      const result = r as IngestResult;
      const fine =
        row !== undefined &&
        row.id === result.inboundMailId &&
        row.status === result.status &&
        (row.status === "created" || row.status === "appended" ? row.entryId !== null && entries.has(row.entryId)
          : row.status === "duplicate" ? row.ticketId !== null
          : row.status === "quarantined" ? quarantined.has(row.id)
          : row.status === "ignored");
      if (!fine) lost.push(`${mails[i].origin}: ${row?.status ?? "no row"} / ${result.status}`);
    });
    expect(lost).toEqual([]);
    const counts = await deps.db
      .select({ status: inboundMails.status, n: sql<number>`count(*)::int` })
      .from(inboundMails)
      .where(like(inboundMails.origin, "fuzz-%"))
      .groupBy(inboundMails.status);
    // Most mutations are still mail a person can read; the fuzz must exercise filing, not just refusal.
    const filed = counts.filter((c) => c.status === "created" || c.status === "appended").reduce((n, c) => n + c.n, 0);
    expect(filed).toBeGreaterThan(MUTATIONS / 2);
    expect(await deps.db.select().from(inboundMails).where(eq(inboundMails.status, "received"))).toEqual([]);
  }, 120_000);
});
