/**
 * `npm start`: everything a newcomer needs on one machine. Starts an embedded PostgreSQL
 * when DATABASE_URL is unset, applies migrations, seeds demo data, builds the web app if
 * needed, then runs the web and worker processes and prints the URL and demo logins.
 * `npm run dev` does the same with Next.js in development mode.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { applyLocalDefaults, dataDir } from "../db/local-defaults";
import { runMigrations } from "../db/migrate";
import { connectDb } from "../db/client";
import { seedDemo, upsertMailAccountFromUrls, type DemoLogin } from "../db/seed";
import { loadEnv, type Env } from "../server/env";
import { buildIfNeeded } from "./next-build";
import { chooseLocalPorts, PortTakenError } from "./local-ports";
import { setSetting } from "../server/domain/config/settings";

const dev = process.argv.includes("--dev");
const root = process.cwd();
const local = await applyLocalDefaults({ root, log: console.log });
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
try {
  const ports = await chooseLocalPorts(dataDir(root));
  process.env.PORT = String(ports.web);
  process.env.DEMO_INBOUND_SMTP_PORT = String(ports.demoInbound);
  process.env.DEMO_CATCHER_SMTP_PORT = String(ports.demoCatcher);
} catch (err) {
  if (!(err instanceof PortTakenError)) throw err;
  console.error(err.message);
  await local.stop();
  process.exit(1);
}
process.env.APP_URL ??= `http://localhost:${process.env.PORT}`;

let config: Env;
try {
  config = loadEnv();
} catch (err) {
  console.error((err as Error).message);
  await local.stop();
  process.exit(1);
}

await runMigrations(config.DATABASE_URL);
const handle = connectDb(config.DATABASE_URL, { max: 2 });
const loginsFile = path.join(dataDir(root), "demo-logins.json");
const created = await seedDemo(handle.db);
if (created.length) writeFileSync(loginsFile, JSON.stringify(created, null, 2), { mode: 0o600 });
if (config.MAIL_ADDRESS && config.MAIL_IMAP_URL && config.MAIL_SMTP_URL) {
  await upsertMailAccountFromUrls(handle.db, {
    address: config.MAIL_ADDRESS, imapUrl: config.MAIL_IMAP_URL, smtpUrl: config.MAIL_SMTP_URL, appSecret: config.APP_SECRET,
  });
  // The operator chose a server on this machine on purpose: let the SSRF guard allow it.
  const local = /^(127\.|localhost$|\[?::1\]?$)/;
  if ([config.MAIL_IMAP_URL, config.MAIL_SMTP_URL].some((u) => local.test(new URL(u).hostname))) {
    await setSetting(handle.db, "mail.allowPrivateHosts", true);
  }
}
await handle.close();

if (!dev) {
  try {
    buildIfNeeded(root);
  } catch (err) {
    console.error((err as Error).message);
    await local.stop();
    process.exit(1);
  }
}

const children: ChildProcess[] = [];
// Node itself with tsx's loader, not the tsx wrapper: the wrapper runs the program in a child
// of its own, which outlives a wrapper that is killed.
function run(name: string, entry: string) {
  const child = spawn(process.execPath, ["--import", "tsx", entry], { stdio: ["ignore", "pipe", "inherit"], env: process.env });
  children.push(child);
  child.stdout!.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (name === "web" && chunk.toString().includes("listening")) printWelcome();
  });
  child.on("exit", (code) => {
    if (!shuttingDown) {
      console.error(`The ${name} process exited (${code}); stopping.`);
      void shutdown(code ?? 1);
    }
  });
}
run("web", "server/main.ts");
run("worker", "worker/main.ts");

function printWelcome() {
  const logins: DemoLogin[] = existsSync(loginsFile) ? JSON.parse(readFileSync(loginsFile, "utf8")) : [];
  const lines = [
    "",
    `  Help desk is running: ${config.APP_URL}`,
    ...(logins.length ? ["", "  Demo logins (demo only, generated for this installation):"] : []),
    ...logins.map((l) => `    ${l.role.padEnd(6)} ${l.email.padEnd(20)} ${l.password}`),
    "",
    "  Send a demo customer mail:   npm run demo:mail",
    "  Answer the last reply:       npm run demo:mail -- --reply",
    "",
  ];
  console.log(lines.join("\n"));
}

let shuttingDown = false;
async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const c of children) c.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
  await local.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
