import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** A database handle or an open transaction: domain functions accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface DbHandle {
  db: Db;
  sql: postgres.Sql;
  close(): Promise<void>;
}

/**
 * Reconnect delay in seconds after failed attempts. postgres.js grows it to 20 s, shared by
 * the whole pool, so after a database restart of a few seconds requests would hang for
 * ten more; capped at one second here.
 */
const reconnectBackoff = (retries: number) => Math.min(0.1 * 2 ** retries, 1) * (0.5 + Math.random() / 2);

export function connectDb(url: string, opts: { max?: number } = {}): DbHandle {
  const sql = postgres(url, { max: opts.max ?? 10, onnotice: () => {}, backoff: reconnectBackoff });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
