/**
 * mail-to-screen: time from IMAP APPEND to a signed-in browser socket receiving the new
 * ticket's event, for 200 mails at a steady rate. The worker watches with IDLE; the same run
 * repeats with the worker polling at its default interval, as the baseline.
 */
import { ImapFlow } from "imapflow";
import { io } from "socket.io-client";
import { inArray } from "drizzle-orm";
import { connectDb } from "../db/client";
import { tickets } from "../db/schema";
import { startAppStack } from "../e2e/fixtures/app-stack";
import type { ServerToClientEvents } from "../server/realtime/events";
import { signInCookie } from "./http-session.lib";

const MAILS = 200;
const INTERVAL_MS = 50; // 20 mails per second, steady
const DEFAULT_POLL_MS = 30_000; // the worker's default IMAP_POLL_INTERVAL_MS

export interface Latency {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
}

function percentiles(values: number[]): Latency {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]);
  return { p50_ms: at(50), p95_ms: at(95), p99_ms: at(99) };
}

async function measure(mode: "idle" | "poll", accounts: number): Promise<Latency & { received: number }> {
  const stack = await startAppStack({ imapMode: mode, pollIntervalMs: DEFAULT_POLL_MS, mailboxes: accounts });
  try {
    const agent = stack.login("agent1");
    const cookie = await signInCookie(stack.urls[0], agent.email, agent.password);
    const socket = io(stack.urls[0], { transports: ["websocket"], extraHeaders: { cookie } });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const receivedAt = new Map<number, number>();
    const onCreated: ServerToClientEvents["ticket:created"] = ({ ticketId }) => receivedAt.set(ticketId, performance.now());
    socket.on("ticket:created", onCreated);

    // One appending connection per mailbox; mails go round-robin over the accounts.
    const clients = stack.mailboxes.map(
      (user) => new ImapFlow({ host: "127.0.0.1", port: stack.dovecot.port, secure: false, logger: false, auth: { user, pass: stack.dovecot.users[user] } }),
    );
    await Promise.all(clients.map((c) => c.connect()));
    // Give every account's watcher time to connect and go idle before the clock starts.
    await new Promise((r) => setTimeout(r, 3000));
    const appendedAt: number[] = [];
    const started = performance.now();
    for (let i = 0; i < MAILS; i++) {
      const due = started + i * INTERVAL_MS;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const raw = [
        `From: Customer ${i} <c${i}@customer.test>`, `To: ${stack.mailboxes[i % clients.length]}`, `Subject: bench-${i}`,
        `Message-ID: <bench-${i}-${Date.now()}@customer.test>`, "", `Mail number ${i}.`,
      ].join("\r\n");
      appendedAt[i] = performance.now();
      await clients[i % clients.length].append("INBOX", raw);
    }
    await Promise.all(clients.map((c) => c.logout()));
    const deadline = performance.now() + DEFAULT_POLL_MS * 2 + 30_000;
    while (receivedAt.size < MAILS && performance.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    socket.close();

    // Map each event's ticket back to the mail that created it by its subject.
    const { db, close } = connectDb(stack.databaseUrl, { max: 1 });
    const rows = await db.select({ id: tickets.id, title: tickets.title }).from(tickets).where(inArray(tickets.id, [...receivedAt.keys()]));
    await close();
    const latencies = rows.map((r) => receivedAt.get(r.id)! - appendedAt[Number(r.title.slice("bench-".length))]);
    if (latencies.length < MAILS) console.log(`  ${mode}: only ${latencies.length} of ${MAILS} mails arrived in time`);
    return { ...percentiles(latencies), received: latencies.length };
  } finally {
    await stack.stop();
  }
}

export async function run() {
  const accounts = Number(process.env.BENCH_ACCOUNTS ?? 20);
  console.log(`mail-to-screen: ${MAILS} mails APPENDed over IMAP at ${1000 / INTERVAL_MS}/s to ${accounts} accounts, one socket client`);
  const idle = await measure("idle", accounts);
  console.log(`  IDLE:            p50 ${idle.p50_ms} ms, p95 ${idle.p95_ms} ms, p99 ${idle.p99_ms} ms (${idle.received}/${MAILS})`);
  const poll = await measure("poll", accounts);
  console.log(`  poll (${DEFAULT_POLL_MS / 1000} s, baseline): p50 ${poll.p50_ms} ms, p95 ${poll.p95_ms} ms, p99 ${poll.p99_ms} ms (${poll.received}/${MAILS})`);
  console.log(`  target: p50 <= 1000 ms, p99 <= 3000 ms with IDLE -> ${idle.p50_ms <= 1000 && idle.p99_ms <= 3000 ? "met" : "NOT met"}`);
  return {
    mails: MAILS,
    accounts,
    received: idle.received,
    p50_ms: idle.p50_ms, p95_ms: idle.p95_ms, p99_ms: idle.p99_ms,
    baseline: { mode: "poll", interval_ms: DEFAULT_POLL_MS, received: poll.received, p50_ms: poll.p50_ms, p95_ms: poll.p95_ms, p99_ms: poll.p99_ms },
  };
}
