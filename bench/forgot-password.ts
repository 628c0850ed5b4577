/**
 * forgot-password: how long "Forgot your password?" takes in the request for a known and an
 * unknown address (issue 11.8), with real pg-boss on a fresh database. The request only
 * counts the attempt and enqueues a job, so both should take the same time. The same-run
 * baseline does what the request did before: token, outbox row and job for a known address,
 * nothing for an unknown one.
 */
import { performance } from "node:perf_hooks";
import { connectDb } from "../db/client";
import { runMigrations } from "../db/migrate";
import { ensureBaseData } from "../db/seed";
import { users } from "../db/schema";
import { createFreshDatabase } from "../db/testing/fresh-database";
import type { Deps } from "../server/domain/events";
import { mailPasswordReset, requestPasswordReset } from "../server/domain/people/password-reset";
import { bossJobQueue, startBoss } from "../server/jobs/queue";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 100) / 100;

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function run(): Promise<Record<string, unknown>> {
  const db = await createFreshDatabase("bench");
  await runMigrations(db.url);
  const handle = connectDb(db.url, { max: 4 });
  const boss = await startBoss(db.url, "web");
  try {
    await ensureBaseData(handle.db);
    // One user per round: each address may have only a few reset mails an hour.
    const known = await handle.db
      .insert(users)
      .values(Array.from({ length: 2 * ROUNDS }, (_, i) => ({ email: `known${i}@bench.test`, name: `Known ${i}`, role: "agent" as const, passwordHash: "x", rights: [] })))
      .returning({ email: users.email });
    const deps: Deps = { db: handle.db, publish: () => {}, jobs: bossJobQueue(boss), fallbackFrom: "support@bench.test" };
    const figures = { known: [] as number[], unknown: [] as number[], baseKnown: [] as number[], baseUnknown: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      figures.known.push(await timed(() => requestPasswordReset(deps, { email: known[i].email }, { ip: "192.0.2.1" })));
      figures.unknown.push(await timed(() => requestPasswordReset(deps, { email: `nobody${i}@bench.test` }, { ip: "192.0.2.2" })));
      // Before issue 11.8 the request did the worker's part itself.
      figures.baseKnown.push(await timed(() => mailPasswordReset(deps, { email: known[ROUNDS + i].email })));
      figures.baseUnknown.push(await timed(() => mailPasswordReset(deps, { email: `ghost${i}@bench.test` })));
    }
    const result = {
      known_p50_ms: round(p50(figures.known)),
      unknown_p50_ms: round(p50(figures.unknown)),
      known_to_unknown_ratio: round(p50(figures.known) / p50(figures.unknown)),
    };
    const baseline = {
      known_p50_ms: round(p50(figures.baseKnown)),
      unknown_p50_ms: round(p50(figures.baseUnknown)),
      known_to_unknown_ratio: round(p50(figures.baseKnown) / p50(figures.baseUnknown)),
    };
    console.log(`forgot-password, ${ROUNDS} requests each: known ${result.known_p50_ms} ms, unknown ${result.unknown_p50_ms} ms (p50)`);
    console.log(`baseline (work in the request): known ${baseline.known_p50_ms} ms, unknown ${baseline.unknown_p50_ms} ms (p50)`);
    return { ...result, baseline };
  } finally {
    await boss.stop({ graceful: false }).catch(() => {});
    await handle.close();
    await db.drop();
  }
}
