import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { simpleParser } from "mailparser";
import type { Db } from "../../db/client";
import { caughtMails } from "../../db/schema";
import type { Deps } from "../../server/domain/events";
import { ingestRawMail } from "../../server/domain/mail/ingest";
import { MAX_MAIL_BYTES } from "../../server/domain/mail/parse-mail";

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/** A port another program holds: said in one line that names the setting to change. */
export class DemoPortTakenError extends Error {}

function listen(server: SMTPServer, port: number, variable: string): Promise<SMTPServer> {
  return new Promise((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new DemoPortTakenError(`Port ${port} (${variable}) is used by another program: set ${variable} in .env to a free port.`) : err),
    );
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

function localServer(onMail: (raw: Buffer, session: SMTPServerSession) => Promise<void>): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    size: MAX_MAIL_BYTES,
    logger: false,
    onData(stream, session, callback) {
      readAll(stream)
        .then((raw) => onMail(raw, session))
        .then(() => callback(), (err: Error) => callback(err));
    },
  });
}

/** Demo inbound: mail sent to 127.0.0.1 goes through the same pipeline as IMAP. */
export function startDemoInbound(deps: Deps, port: number): Promise<SMTPServer> {
  return listen(
    localServer(async (raw, session) => {
      const origin = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
      await ingestRawMail(deps, { source: "smtp", origin, raw });
    }),
    port,
    "DEMO_INBOUND_SMTP_PORT",
  );
}

/** Demo outbound: a local catcher that stores what we send, for the admin's Outbox page. */
export function startDemoCatcher(db: Db, port: number): Promise<SMTPServer> {
  return listen(
    localServer(async (raw, session) => {
      const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true });
      await db.insert(caughtMails).values({
        envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        subject: parsed.subject ?? null,
        headers: parsed.headerLines.map((h) => [h.key, h.line.slice(h.key.length + 1).trim()] as [string, string]),
        text: parsed.text ?? null,
        raw,
      });
    }),
    port,
    "DEMO_CATCHER_SMTP_PORT",
  );
}
