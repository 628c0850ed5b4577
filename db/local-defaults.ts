import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded";

/**
 * The one way every command of this project finds its configuration on a developer's
 * machine, so that `npm start`, `npm run ingest`, `npm run db:migrate`, `npm run demo:mail`
 * and the web and worker processes agree:
 * - `.env` in the working folder is read when there is one (values already in the
 *   environment win);
 * - without DATABASE_URL, the embedded PostgreSQL under `.data/` is used: reused when it
 *   runs already (`npm start`), else started for this command and stopped with it;
 * - without APP_SECRET, the secret generated once into `.data/app-secret`.
 */
export interface LocalDefaults {
  /** Stops the embedded PostgreSQL if this command started it; a no-op otherwise. */
  stop(): Promise<void>;
}

export const dataDir = (root = process.cwd()) => path.join(root, ".data");

export function loadDotEnv(root = process.cwd()): void {
  const file = path.join(root, ".env");
  if (existsSync(file)) process.loadEnvFile(file);
}

export async function applyLocalDefaults(opts: { root?: string; log?: (line: string) => void } = {}): Promise<LocalDefaults> {
  const root = opts.root ?? process.cwd();
  loadDotEnv(root);
  const dir = dataDir(root);
  mkdirSync(dir, { recursive: true });
  let pg: RunningPostgres | null = null;
  if (!process.env.DATABASE_URL) {
    pg = await startEmbeddedPostgres(dir, opts.log ?? (() => {}));
    process.env.DATABASE_URL = pg.url;
  }
  if (!process.env.APP_SECRET) {
    const secretFile = path.join(dir, "app-secret");
    if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("hex"), { mode: 0o600 });
    process.env.APP_SECRET = readFileSync(secretFile, "utf8").trim();
  }
  return { stop: async () => void (await pg?.stop()) };
}
