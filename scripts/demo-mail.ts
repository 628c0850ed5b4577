/**
 * `npm run demo:mail`: sends a realistic customer mail into the demo inbound SMTP server.
 * `npm run demo:mail -- --reply`: the customer answers the newest mail the help desk sent
 * (read from the demo catcher), with In-Reply-To and References, like a real mail client.
 */
import nodemailer from "nodemailer";
import { desc } from "drizzle-orm";
import { connectDb } from "../db/client";
import { applyLocalDefaults, dataDir, loadDotEnv } from "../db/local-defaults";
import { localPort } from "./local-ports";
import { caughtMails } from "../db/schema";

loadDotEnv(); // the same .env as `npm start`, so a changed DEMO_INBOUND_SMTP_PORT is followed
const port = localPort(dataDir(), "demoInbound"); // as chosen by `npm start`, unless .env names one
const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
const customer = { name: "Carla Kundin", address: "carla.kundin@example.com" };
const to = `support@${process.env.MAIL_DOMAIN ?? "helpdesk.local"}`;

try {
  if (process.argv.includes("--reply")) {
    const local = await applyLocalDefaults();
    const { db, close } = connectDb(process.env.DATABASE_URL!, { max: 1 });
    const [last] = await db.select().from(caughtMails).orderBy(desc(caughtMails.id)).limit(1);
    await close();
    await local.stop();
    if (!last) throw new Error("The help desk has not sent any mail yet: reply to a ticket first.");
    const header = (name: string) => last.headers.find(([k]) => k.toLowerCase() === name)?.[1];
    const messageId = header("message-id");
    const references = [header("references"), messageId].filter(Boolean).join(" ");
    await transport.sendMail({
      from: customer, to, subject: `Re: ${last.subject ?? ""}`, inReplyTo: messageId, references,
      text: "Thank you, that fixed it! One more question: can I get the invoice as PDF?\n\nCarla",
    });
    console.log(`Sent the customer's answer to "${last.subject}".`);
  } else {
    const info = await transport.sendMail({
      from: customer,
      to,
      subject: "Drucker druckt nur noch leere Seiten",
      text: [
        "Hallo Support-Team,",
        "",
        "seit dem letzten Update druckt unser Bürodrucker (LaserJet 4200) nur noch leere Seiten.",
        "Kundennummer: K-10442, Bestellung 2026-11-0815.",
        "",
        "Können Sie uns bitte helfen?",
        "",
        "Viele Grüße",
        "Carla Kundin",
      ].join("\n"),
      attachments: [{ filename: "druckprotokoll.txt", content: "E42: toner sensor not detected\n" }],
    });
    console.log(`Sent a demo customer mail (${info.messageId}) to ${to} via 127.0.0.1:${port}.`);
  }
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  console.error(e.code === "ECONNREFUSED" ? `Nothing listens on 127.0.0.1:${port}: is \`npm start\` running in demo mode?` : e.message);
  process.exit(1);
}
