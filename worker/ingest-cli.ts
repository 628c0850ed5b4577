/**
 * `npm run ingest -- <file.eml|folder>...`: feeds raw mails from files through the same
 * pipeline as IMAP (store raw, parse, thread, create or append) and prints one JSON line per mail.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { runMigrations } from "../db/migrate";
import { ensureBaseData } from "../db/seed";
import { applyLocalDefaults } from "../db/local-defaults";
import { env } from "../server/env";
import { appDb } from "../server/db-instance";
import { ingestRawMail } from "../server/domain/mail/ingest";
import { Server } from "socket.io";
import { attachPostgresAdapter } from "../server/realtime/adapter";
import { createSocketPublisher, type AppServer } from "../server/realtime/publisher";

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: npm run ingest -- <file.eml|folder>...");
  process.exit(2);
}

/** A file as given; a folder as the `.eml` files in it (recursively), so READMEs are skipped. */
function expand(p: string, fromFolder = false): string[] {
  const st = statSync(p);
  if (!st.isDirectory()) return !fromFolder || p.toLowerCase().endsWith(".eml") ? [p] : [];
  return readdirSync(p)
    .sort()
    .flatMap((name) => expand(path.join(p, name), true));
}

const local = await applyLocalDefaults(); // the same database and secret as `npm start`
const config = env();
await runMigrations(config.DATABASE_URL);
const { db, close } = appDb();
await ensureBaseData(db);
// Open screens see imported tickets live, as with IMAP.
const io: AppServer = new Server();
const closeAdapter = attachPostgresAdapter(io, config.DATABASE_URL);
const deps = {
  db,
  publish: createSocketPublisher(io),
  jobs: { enqueue: async () => {} }, // ingest never sends mail
  fallbackFrom: `support@${config.MAIL_DOMAIN}`,
  appUrl: config.APP_URL,
};

let failed = 0;
// A path that cannot be listed is read below like a file, and reported on its own line.
const files = args.flatMap((a) => {
  try {
    return expand(a);
  } catch {
    return [a];
  }
});
for (const file of files) {
  // Bad mail is quarantined by ingest; anything else (an unreadable file, a database error)
  // is reported on the file's line and the batch goes on with the next file.
  try {
    const r = await ingestRawMail(deps, { source: "file", origin: path.basename(file), raw: readFileSync(file) });
    console.log(
      JSON.stringify({
        file,
        status: r.status,
        ticketNumber: r.ticketNumber,
        fromEmail: r.fromEmail,
        subject: r.subject,
        attachments: r.attachments,
        reason: r.reason,
      }),
    );
  } catch (err) {
    failed++;
    console.log(JSON.stringify({ file, status: "failed", reason: (err as Error).message }));
  }
}
await closeAdapter(); // a headless server has no engine to close
await close();
await local.stop();
process.exit(failed ? 1 : 0); // quarantined mails are reported per line, not as a failure
