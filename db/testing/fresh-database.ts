import { randomBytes } from "node:crypto";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type RunningPostgres } from "../embedded";
import { runMigrations } from "../migrate";

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

let embedded: RunningPostgres | null = null;

/**
 * The server tests run against: TEST_DATABASE_URL, else the local PostgreSQL when one
 * answers on 127.0.0.1:5432, else an embedded one under .data/test-pg.
 */
async function adminUrl(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const local = "postgres://postgres@127.0.0.1:5432/postgres";
  if (await answers(local)) return local;
  embedded ??= await startEmbeddedPostgres(path.join(process.cwd(), ".data", "test-pg"), () => {});
  return embedded.url;
}

/** A new, migrated database with a unique name; `drop()` removes it. */
export async function createFreshDatabase(label = "test"): Promise<FreshDatabase> {
  const admin = await adminUrl();
  const name = `helpdesk_${label}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  await sql.unsafe(`create database "${name}"`);
  await sql.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  await runMigrations(url);
  return {
    url,
    async drop() {
      const s = postgres(admin, { max: 1, onnotice: () => {} });
      await s.unsafe(`drop database if exists "${name}" with (force)`);
      await s.end();
      if (embedded) {
        await embedded.stop();
        embedded = null;
      }
    },
  };
}
