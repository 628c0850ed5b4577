import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { TEST_APP_SECRET } from "../../db/testing/test-deps";
import { freePort } from "../../e2e/fixtures/dovecot";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * The real worker (`worker/main.ts`) as one child process (Node with tsx's loader; the tsx
 * wrapper would run it in a grandchild that survives a SIGKILL) on the given database, with demo
 * SMTP ports of its own. Waits for "[worker] ready" unless told not to.
 */
export async function spawnWorker(
  databaseUrl: string,
  opts: { waitForReady?: boolean; env?: Record<string, string> } = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env, DATABASE_URL: databaseUrl, APP_SECRET: TEST_APP_SECRET, NODE_ENV: "production",
      DEMO_INBOUND_SMTP_PORT: String(await freePort()), DEMO_CATCHER_SMTP_PORT: String(await freePort()),
      ...opts.env,
    },
  });
  let out = "";
  const collect = (c: Buffer) => void (out += c.toString());
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  if (opts.waitForReady === false) return child;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${out}`)), 60_000);
    const check = () => {
      if (!out.includes("[worker] ready")) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout!.on("data", check);
    child.stderr!.on("data", check);
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${out}`)));
  });
  return child;
}

/** SIGKILL (or another signal) and wait until the process is gone. */
export async function stopWorker(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await gone;
}
