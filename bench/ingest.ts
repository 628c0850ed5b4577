/**
 * ingest: mails per second through the whole inbound pipeline (store raw, parse off the main
 * thread, rules, threading, store) on a generated mixed corpus: plain, HTML, attachments and
 * replies to earlier mails. Measured with 8 mails in flight (as with several accounts), and
 * one at a time as the same-run baseline.
 */
import { createFreshDatabase } from "../db/testing/fresh-database";
import { connectDb } from "../db/client";
import { ensureBaseData } from "../db/seed";
import type { Deps } from "../server/domain/events";
import { ingestRawMail } from "../server/domain/mail/ingest";
import { closeParsePool } from "../server/domain/mail/parse-pool";

const MAILS = 1500;

function corpus(n: number, run: string): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const id = `<bench-${run}-${i}@customer.test>`;
    const head = [`From: Customer ${i % 200} <c${i % 200}@customer.test>`, "To: support@helpdesk.test", `Message-ID: ${id}`, "Date: Mon, 23 Nov 2026 10:00:00 +0100", "MIME-Version: 1.0"];
    const kind = i % 4;
    if (kind === 0) out.push(Buffer.from([...head, `Subject: Plain question ${i}`, "Content-Type: text/plain; charset=utf-8", "", `Hallo,\nich habe eine Frage zu Bestellung ${i}.\nKundennummer K-${1000 + i}\n\nGrüße`].join("\r\n")));
    if (kind === 1) out.push(Buffer.from([...head, `Subject: HTML mail ${i}`, 'Content-Type: text/html; charset=utf-8', "", `<html><body><p>Hello <b>support</b>,</p><p>order ${i} <a href="https://shop.test/o/${i}">link</a></p><script>x()</script></body></html>`].join("\r\n")));
    if (kind === 2) {
      const b = `b${i}`;
      out.push(Buffer.from([...head, `Subject: With attachment ${i}`, `Content-Type: multipart/mixed; boundary="${b}"`, "", `--${b}`, "Content-Type: text/plain", "", "See attached log.", `--${b}`, `Content-Type: application/octet-stream; name=log${i}.bin`, "Content-Disposition: attachment; filename=log.bin", "Content-Transfer-Encoding: base64", "", Buffer.alloc(20_000, i % 256).toString("base64").replace(/.{76}/g, "$&\r\n"), `--${b}--`, ""].join("\r\n")));
    }
    // A reply to a plain mail well behind it, so that it is filed even with 8 mails in flight.
    if (kind === 3) out.push(Buffer.from([...head, `Subject: Re: Plain question ${i - 19}`, `In-Reply-To: <bench-${run}-${i - 19}@customer.test>`, `References: <bench-${run}-${i - 19}@customer.test>`, "", "Any news?\n\n> earlier text"].join("\r\n")));
  }
  return out;
}

async function measure(concurrency: number, label: string): Promise<{ mails_per_s: number; created: number; appended: number }> {
  const db = await createFreshDatabase("bench");
  const handle = connectDb(db.url, { max: concurrency + 2 });
  await ensureBaseData(handle.db);
  const deps: Deps = { db: handle.db, publish: () => {}, jobs: { enqueue: async () => {} }, fallbackFrom: "support@helpdesk.test" };
  const mails = corpus(MAILS, label);
  const counts = { created: 0, appended: 0, other: 0 };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < mails.length) {
        const r = await ingestRawMail(deps, { source: "file", raw: mails[next++] });
        if (r.status === "created" || r.status === "appended") counts[r.status]++;
        else counts.other++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await handle.close();
  await db.drop();
  if (counts.other) console.log(`  ${label}: ${counts.other} mails were neither created nor appended`);
  return { mails_per_s: Math.round(MAILS / seconds), created: counts.created, appended: counts.appended };
}

export async function run() {
  console.log(`ingest: ${MAILS} generated mails (plain, HTML, 20 kB attachment, reply), full pipeline into PostgreSQL`);
  const parallel = await measure(8, "parallel");
  console.log(`  8 in flight:  ${parallel.mails_per_s} mails/s (${parallel.created} created, ${parallel.appended} appended)`);
  const serial = await measure(1, "serial");
  console.log(`  1 at a time (baseline): ${serial.mails_per_s} mails/s`);
  console.log(`  target: >= 100 mails/s sustained -> ${parallel.mails_per_s >= 100 ? "met" : "NOT met"}`);
  await closeParsePool();
  return {
    mails: MAILS,
    concurrency: 8,
    mails_per_s: parallel.mails_per_s,
    baseline: { concurrency: 1, mails_per_s: serial.mails_per_s },
  };
}
