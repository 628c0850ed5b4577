import { connectDb, type DbHandle } from "../db/client";
import { env } from "./env";

let handle: DbHandle | undefined;

/** The process-wide database handle, opened on first use. */
export function appDb(): DbHandle {
  handle ??= connectDb(env().DATABASE_URL);
  return handle;
}
