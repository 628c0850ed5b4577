import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { connectDb } from "./client";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const MIGRATION_LOCK = 727_001;

/**
 * Applies the committed drizzle-kit migrations; safe to run on every start, and from
 * several processes at once (an advisory lock lets one migrate while the others wait).
 */
export async function runMigrations(url: string): Promise<void> {
  const handle = connectDb(url, { max: 1 });
  try {
    await handle.db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
    await migrate(handle.db, { migrationsFolder });
    await handle.db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
  } finally {
    await handle.close();
  }
}
