import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Sources that end up in the Next.js build; a change to any of them means a rebuild. The
 * next-auth route bundles server/auth and, through it, the domain (sign-in limits) and db.
 */
const BUILD_INPUTS = [
  "app", "lib", "messages", "server/realtime/events.ts", "server/auth", "server/domain", "server/env.ts", "server/db-instance.ts", "db",
  "next.config.ts", "package-lock.json",
];

function newerThan(p: string, time: number): boolean {
  if (!existsSync(p)) return false;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs > time;
  return readdirSync(p).some((name) => newerThan(path.join(p, name), time));
}

export function needsBuild(root = process.cwd()): boolean {
  const stamp = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return BUILD_INPUTS.some((p) => newerThan(path.join(root, p), built));
}

/** Runs `next build` when there is no build or a source is newer; throws when it fails. */
export function buildIfNeeded(root = process.cwd()): void {
  if (!needsBuild(root)) return;
  console.log("Building the web app (first start or changed sources)…");
  const r = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { stdio: "inherit", cwd: root });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
}
