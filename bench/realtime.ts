/**
 * realtime: ticket-lock propagation between two agents' sockets (one web process, and across
 * two sharing the database through the Postgres adapter), and fan-out of queue events to up to
 * 10,000 signed-in sockets on one web process with its RSS. The web processes are
 * server/main.ts with WEB_ROLE=realtime (the gateway without Next, as a load balancer's
 * /socket.io/ pool runs it), on a fresh database; sockets carry a next-auth session cookie
 * minted with the app secret. When a current Next build exists, the idle RSS of a
 * WEB_ROLE=all process is measured once as well, for the estimate of one process doing both. Baseline in the same run: the same client sockets
 * relaying a plain message through a minimal Socket.IO server with the same Postgres adapter
 * (bench/realtime-relay.lib.ts), on one and across two processes.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { Server } from "socket.io";
import type { Socket } from "socket.io-client";
import { eq } from "drizzle-orm";
import { connectDb, type Db } from "../db/client";
import { users } from "../db/schema";
import { seedDemo } from "../db/seed";
import { createFreshDatabase, type FreshDatabase } from "../db/testing/fresh-database";
import { needsBuild } from "../scripts/next-build";
import { systemActor } from "../server/domain/actor";
import type { Deps } from "../server/domain/events";
import { createTicket, defaultQueueId } from "../server/domain/tickets/tickets";
import { attachPostgresAdapter } from "../server/realtime/adapter";
import type { LockAck } from "../server/realtime/events";
import { createSocketPublisher, type AppServer } from "../server/realtime/publisher";
import type { ClientCommand, ClientReply } from "./realtime-clients.lib";
import { connectSocket, nextEvent, now, openAgentSocket, type AgentSocket } from "./realtime-socket.lib";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1000);
const WARMUP = 20; // rounds before the measured ones (JIT, connection pools); reported, not counted
const ROUND_INTERVAL_MS = 20;
const SENDERS = 8; // sockets of agent A taking turns: each sends 2 events per 160 ms, under the gateway's 20/s
const MAX_SOCKETS = Number(process.env.BENCH_SOCKETS ?? 10_000);
const STEP = 1000;
const CLIENT_PROCESSES = 4;
const CONNECTS_IN_FLIGHT = 25; // per client process
const EVENTS_PER_STEP = 2; // broadcasts measured at each step of the ramp
const EVENTS_AT_MAX = 10; // broadcasts measured at the full count

const dir = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(dir, "..");

// ---------------------------------------------------------------------------------------------
// Processes

interface NodeProcess {
  pid: number;
  url: string;
  tail(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a TypeScript entry under `node --import tsx`, so the child's pid is the server's own. */
async function startNode(name: string, entry: string, env: Record<string, string>, readyText: string): Promise<NodeProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), APP_URL: url, HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 90 s:\n${output.slice(-3000)}`)), 90_000);
    const check = () => {
      if (!output.includes(readyText)) return;
      clearTimeout(timer);
      child.stdout!.off("data", check);
      resolve();
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${output.slice(-3000)}`));
    });
  });
  return { pid: child.pid!, url, tail: () => output, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 8000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 102.4) / 10;
}

/** The cookie next-auth sets after a credentials sign-in (JWT strategy), minted with the app secret. */
async function sessionCookie(db: Db, email: string, secret: string): Promise<string> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  const token = await encode({ token: { sub: String(u.id), name: u.name, email: u.email, role: u.role }, secret, maxAge: 12 * 60 * 60 });
  return `next-auth.session-token=${token}`;
}

/**
 * A WEB_ROLE=all web process (server/main.ts with Next) after start and a few requests, with
 * one signed-in socket: what the socket figures would sit on top of if one process did both. Needs a current Next
 * build; none is made here, so the figure is missing when sources are newer than `.next`.
 */
async function fullWebIdleRss(env: Record<string, string>, cookie: string): Promise<{ rss_mb: number | null; note: string }> {
  if (needsBuild(root)) return { rss_mb: null, note: "no current Next build" };
  let web: NodeProcess | null = null;
  try {
    web = await startNode("main", "server/main.ts", { ...env, WEB_ROLE: "all" }, "listening");
    for (const p of ["/login", "/api/auth/csrf", "/api/auth/session"]) await (await fetch(web.url + p, { headers: { cookie } })).arrayBuffer();
    const s = await connectSocket(web.url, cookie);
    await new Promise((r) => setTimeout(r, 2000));
    const rss = rssMb(web.pid);
    s.close();
    return { rss_mb: rss, note: "server/main.ts after /login, /api/auth/* and one socket" };
  } catch (err) {
    return { rss_mb: null, note: `server/main.ts did not start: ${(err as Error).message.split("\n")[0]}` };
  } finally {
    await web?.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Figures

interface Stats {
  n: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
}

function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] * 10) / 10;
  return { n: s.length, p50_ms: at(50), p99_ms: at(99), max_ms: at(100) };
}

const fmt = (s: Stats) => `p50 ${s.p50_ms} ms, p99 ${s.p99_ms} ms, max ${s.max_ms} ms`;

// ---------------------------------------------------------------------------------------------
// Lock propagation and its relay baseline

/**
 * Rounds start every ROUND_INTERVAL_MS (or as soon as the previous one ends) and take turns over
 * SENDERS sockets of one user, so no socket exceeds the gateway's per-socket event rate limit.
 */
async function paced(rounds: number, round: (i: number) => Promise<void>) {
  let due = performance.now();
  for (let i = 0; i < rounds; i++) {
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    due = Math.max(due + ROUND_INTERVAL_MS, performance.now());
    await round(i);
  }
}

/** A acquires (with ack), B sees `lock:changed`; A releases, B sees it freed. */
async function lockRounds(senders: AgentSocket[], b: AgentSocket, ticketId: number) {
  const acquired: number[] = [];
  const acked: number[] = [];
  const released: number[] = [];
  type LockEvent = { ticketId: number; lock: unknown };
  await paced(WARMUP + ROUNDS, async (i) => {
    const a = senders[i % senders.length];
    const seen = nextEvent(b, "lock:changed", (p: LockEvent) => p.ticketId === ticketId && p.lock !== null);
    const t0 = performance.now();
    const ack = a.timeout(10_000).emitWithAck("lock:acquire", { ticketId, kind: "reply" }).then((r: LockAck) => ({ r, t: performance.now() }));
    const [{ r, t: tAck }, tSeen] = await Promise.all([ack, seen]);
    if (!r.ok) throw new Error(`lock:acquire refused: ${JSON.stringify(r)}`);
    const freed = nextEvent(b, "lock:changed", (p: LockEvent) => p.ticketId === ticketId && p.lock === null);
    const t1 = performance.now();
    a.emit("lock:release", { ticketId });
    const tFreed = await freed;
    if (i < WARMUP) return;
    acquired.push(tSeen - t0);
    acked.push(tAck - t0);
    released.push(tFreed - t1);
  });
  return { acquire: stats(acquired), ack: stats(acked), release: stats(released) };
}

/** A sends `relay`, the server broadcasts it to the room, B receives it. Same pacing. */
async function relayRounds(senders: Socket[], b: Socket) {
  const relayed: number[] = [];
  await paced(WARMUP + ROUNDS, async (i) => {
    const seen = nextEvent(b, "relay", (p: { seq: number }) => p.seq === i);
    const t0 = performance.now();
    senders[i % senders.length].emit("relay", { seq: i, ticketId: 1 });
    const t = await seen;
    if (i >= WARMUP) relayed.push(t - t0);
  });
  return stats(relayed);
}

// ---------------------------------------------------------------------------------------------
// Fan-out

class ClientProcess {
  private child: ChildProcess;
  constructor() {
    this.child = fork(path.join(dir, "realtime-clients.lib.ts"), [], { cwd: root, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  }
  ask(cmd: ClientCommand): Promise<ClientReply> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`client process exited with ${code}`));
      this.child.once("exit", onExit);
      this.child.once("message", (reply: ClientReply) => {
        this.child.off("exit", onExit);
        resolve(reply);
      });
      this.child.send(cmd);
    });
  }
  async close() {
    if (this.child.connected) this.child.send({ type: "close" } satisfies ClientCommand);
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const kill = setTimeout(() => this.child.kill("SIGKILL"), 5000);
      this.child.once("exit", () => (clearTimeout(kill), resolve()));
    });
  }
}

async function collectAll(clients: ClientProcess[], key: string, sentAt: number) {
  const replies = await Promise.all(clients.map((c) => c.ask({ type: "collect", key, timeoutMs: 15_000 })));
  const latencies: number[] = [];
  let expected = 0;
  for (const r of replies) {
    if (r.type !== "collected") throw new Error("unexpected reply");
    expected += r.expected;
    for (const t of r.times) latencies.push(t - sentAt);
  }
  return { latencies, missing: expected - latencies.length };
}

// ---------------------------------------------------------------------------------------------

export async function run() {
  console.log(
    `realtime: lock propagation (${ROUNDS} rounds after ${WARMUP} warm-up, one and two web processes), ` +
      `fan-out to ${MAX_SOCKETS} sockets on one web process (gateway without Next)`,
  );
  const loadStart = Math.round(loadavg()[0] * 100) / 100;
  console.log(`  load average (1 min) at start: ${loadStart} on ${availableParallelism()} cores`);
  const databases: FreshDatabase[] = [];
  const processes: NodeProcess[] = [];
  const clients: ClientProcess[] = [];
  const sockets: Socket[] = [];
  let closeHeadless: (() => Promise<void>) | null = null;
  const handles: { close(): Promise<void> }[] = [];
  try {
    const [db, relayDb] = await Promise.all([createFreshDatabase("bench"), createFreshDatabase("bench_relay")]);
    databases.push(db, relayDb);
    const handle = connectDb(db.url, { max: 4 });
    handles.push(handle);
    const logins = await seedDemo(handle.db);
    const agent1 = logins.find((l) => l.email === "agent1@demo.test")!;
    const agent2 = logins.find((l) => l.email === "agent2@demo.test")!;
    const queueId = await defaultQueueId(handle.db);

    // The worker's path for queue events: a headless server on the same Postgres adapter.
    const headless: AppServer = new Server();
    closeHeadless = attachPostgresAdapter(headless, db.url);
    const publisher = createSocketPublisher(headless);
    let publishedAt = 0;
    const deps: Deps = {
      db: handle.db,
      publish: (events) => {
        publishedAt = now();
        publisher(events);
      },
      jobs: { enqueue: async () => {} },
      fallbackFrom: "support@helpdesk.test",
    };
    const newTicket = (title: string) => createTicket(deps, systemActor, { title, queueId, customerEmail: "customer@customer.test", body: "Bench ticket." });
    const lockTicket = await newTicket("lock bench");

    const appSecret = randomBytes(32).toString("hex");
    const cookie1 = await sessionCookie(handle.db, agent1.email, appSecret);
    const cookie2 = await sessionCookie(handle.db, agent2.email, appSecret);
    const common = { DATABASE_URL: db.url, APP_SECRET: appSecret, NODE_ENV: "production" };
    const fullIdle = await fullWebIdleRss(common, cookie1);
    console.log(`  server/main.ts (with Next) idle RSS: ${fullIdle.rss_mb === null ? `not measured (${fullIdle.note})` : `${fullIdle.rss_mb} MB`}`);

    const [web1, web2, relay1, relay2] = await Promise.all([
      startNode("web1", "server/main.ts", { ...common, WEB_ROLE: "realtime" }, "listening"),
      startNode("web2", "server/main.ts", { ...common, WEB_ROLE: "realtime" }, "listening"),
      startNode("relay1", "bench/realtime-relay.lib.ts", { DATABASE_URL: relayDb.url }, "listening"),
      startNode("relay2", "bench/realtime-relay.lib.ts", { DATABASE_URL: relayDb.url }, "listening"),
    ]);
    processes.push(web1, web2, relay1, relay2);

    // --- Lock propagation: agent 1 takes the lock, agent 2 (viewing the ticket) sees it.
    const open = async <S extends Socket>(n: number, url: string, cookie?: string) => {
      const list = await Promise.all(Array.from({ length: n }, () => connectSocket<S>(url, cookie)));
      sockets.push(...list);
      return list;
    };
    const senders = await open<AgentSocket>(SENDERS, web1.url, cookie1);
    const b1 = await openAgentSocket(web1.url, cookie2, lockTicket.id);
    const b2 = await openAgentSocket(web2.url, cookie2, lockTicket.id);
    sockets.push(b1, b2);
    const relaySenders = await open(SENDERS, relay1.url, cookie1);
    const [rb1] = await open(1, relay1.url, cookie2);
    const [rb2] = await open(1, relay2.url, cookie2);
    await new Promise((r) => setTimeout(r, 500)); // rooms joined after the handshake

    const lockOne = await lockRounds(senders, b1, lockTicket.id);
    const relayOne = await relayRounds(relaySenders, rb1);
    const lockCross = await lockRounds(senders, b2, lockTicket.id);
    const relayCross = await relayRounds(relaySenders, rb2);
    console.log(`  lock propagation (A lock:acquire -> B lock:changed; a round every ${ROUND_INTERVAL_MS} ms):`);
    console.log(`    one process:     ${fmt(lockOne.acquire)}   (A's ack: ${fmt(lockOne.ack)}; release -> B: ${fmt(lockOne.release)})`);
    console.log(`    two processes:   ${fmt(lockCross.acquire)}   (A's ack: ${fmt(lockCross.ack)}; release -> B: ${fmt(lockCross.release)})`);
    console.log("  relay baseline (A emit -> B, minimal server, same adapter, same pacing):");
    console.log(`    one process:     ${fmt(relayOne)}`);
    console.log(`    two processes:   ${fmt(relayCross)}`);
    const lateViews = [b1, b2].filter((s) => s.viewAttempts > 1).length;
    if (lateViews) console.log(`    ${lateViews} of 2 viewing sockets needed more than one ticket:view (event sent before the gateway listened)`);
    const a1 = senders[0];
    for (const s of sockets) if (s !== a1) s.close();
    await Promise.all([web2.stop(), relay1.stop(), relay2.stop()]);

    // --- Fan-out: ramp up agent sockets on web1; every agent socket is in the queue room.
    console.log(`  fan-out on one web process (${CLIENT_PROCESSES} client processes, websocket transport):`);
    await new Promise((r) => setTimeout(r, 2000));
    const idleRss = rssMb(web1.pid);
    console.log(`    0 sockets: RSS ${idleRss} MB`);
    for (let i = 0; i < CLIENT_PROCESSES; i++) clients.push(new ClientProcess());
    const ramp: { sockets: number; rss_mb: number; connect_s: number; created: Stats; lock: Stats; missing: number }[] = [];
    let connected = 0;
    let failed = 0;
    let final: { created: number[]; lock: number[]; missing: number } = { created: [], lock: [], missing: 0 };
    for (let target = Math.min(STEP, MAX_SOCKETS); connected < target; target = Math.min(target + STEP, MAX_SOCKETS)) {
      const add = target - connected;
      const started = performance.now();
      const replies = await Promise.all(
        clients.map((c, i) => {
          const count = Math.floor(add / clients.length) + (i < add % clients.length ? 1 : 0);
          return c.ask({ type: "connect", url: web1.url, cookies: [cookie1, cookie2], count, concurrency: CONNECTS_IN_FLIGHT });
        }),
      );
      const connectSeconds = (performance.now() - started) / 1000;
      connected = 0;
      for (const r of replies) {
        if (r.type !== "connected") throw new Error("unexpected reply");
        connected += r.total;
        failed += r.failed;
        if (r.errors.length) console.log(`    connect errors: ${r.errors.join("; ")}`);
      }
      if (connected < target) {
        console.log(`    only ${connected} of ${target} sockets connected; stopping the ramp`);
        break;
      }
      // Unmeasured first event: every socket must have joined the queue room before measuring.
      const ready = await newTicket(`fan-out ${target} ready`);
      const notReady = (await collectAll(clients, `created:${ready.id}`, publishedAt)).missing;
      if (notReady) console.log(`    ${notReady} sockets missed the readiness event`);
      await new Promise((r) => setTimeout(r, 1000));
      const rss = rssMb(web1.pid);
      const isMax = target === MAX_SOCKETS;
      const created: number[] = [];
      const lock: number[] = [];
      let missing = 0;
      for (let e = 0; e < (isMax ? EVENTS_AT_MAX : EVENTS_PER_STEP); e++) {
        // ticket:created through the real publisher path (worker -> adapter -> web -> sockets).
        const ticket = await newTicket(`fan-out ${target}/${e}`);
        const c = await collectAll(clients, `created:${ticket.id}`, publishedAt);
        created.push(...c.latencies);
        // lock:changed through the gateway on the same web process.
        const sentAt = now();
        const ack = await a1.timeout(10_000).emitWithAck("lock:acquire", { ticketId: ticket.id, kind: "reply" });
        if (!ack.ok) throw new Error("lock:acquire refused");
        const l = await collectAll(clients, `lock:${ticket.id}:on`, sentAt);
        lock.push(...l.latencies);
        a1.emit("lock:release", { ticketId: ticket.id });
        const off = await collectAll(clients, `lock:${ticket.id}:off`, now());
        missing += c.missing + l.missing + off.missing;
      }
      const step = { sockets: connected, rss_mb: rss, connect_s: Math.round(connectSeconds * 10) / 10, created: stats(created), lock: stats(lock), missing };
      ramp.push(step);
      console.log(
        `    ${connected} sockets: RSS ${rss} MB, connect ${step.connect_s} s; ticket:created ${fmt(step.created)}; ` +
          `lock:changed p99 ${step.lock.p99_ms} ms${missing ? `; ${missing} deliveries missing` : ""}`,
      );
      if (isMax) final = { created, lock, missing };
    }
    const top = ramp[ramp.length - 1];
    const perThousand = Math.round(((top.rss_mb - idleRss) / (top.sockets / 1000)) * 10) / 10;
    // The full web process carries Next on top: its idle RSS plus what the sockets added here.
    const fullEstimate = fullIdle.rss_mb === null ? null : Math.round(fullIdle.rss_mb + top.rss_mb - idleRss);
    const broadcast = stats(final.created);
    const broadcastLock = stats(final.lock);
    if (failed) console.log(`    ${failed} sockets failed to connect`);
    console.log(
      `    at ${top.sockets}: RSS ${top.rss_mb} MB (${perThousand} MB per 1,000 sockets over ${idleRss} MB idle)` +
        (fullEstimate === null ? "" : `; a WEB_ROLE=all process (idle ${fullIdle.rss_mb} MB) would be about ${fullEstimate} MB`),
    );
    console.log(`    at ${top.sockets}: ticket:created to all ${fmt(broadcast)} over ${EVENTS_AT_MAX} events; lock:changed to all ${fmt(broadcastLock)}`);
    const errors = (web1.tail().match(/\[realtime\].*|error.*/gi) ?? []).slice(-5);
    if (errors.length) console.log(`    web1 log errors (last ${errors.length}): ${errors.join(" | ")}`);

    console.log(`  load average (1 min) at end: ${loadavg()[0].toFixed(2)}`);
    const met = (ok: boolean) => (ok ? "met" : "NOT met");
    console.log(`  target: lock p99 <= 20 ms on one process -> ${met(lockOne.acquire.p99_ms <= 20)}; <= 30 ms across two -> ${met(lockCross.acquire.p99_ms <= 30)}`);
    console.log(
      `  target: >= 10,000 sockets at <= 400 MB RSS -> ${met(top.sockets >= 10_000 && top.rss_mb <= 400)} on a WEB_ROLE=realtime process` +
        (fullEstimate === null ? "" : ` (${met(top.sockets >= 10_000 && fullEstimate <= 400)} for one process that also serves pages, estimate)`) +
        "; " +
        `broadcast p99 <= 200 ms -> ${met(broadcast.p99_ms <= 200 && final.missing === 0)}`,
    );

    return {
      rounds: ROUNDS,
      warmup_rounds: WARMUP,
      server: "server/main.ts with WEB_ROLE=realtime: gateway, auth, locks, publisher and Postgres adapter, without Next (NODE_ENV=production)",
      lock_p50_ms: lockOne.acquire.p50_ms,
      lock_p99_ms: lockOne.acquire.p99_ms,
      lock_max_ms: lockOne.acquire.max_ms,
      lock_ack_p99_ms: lockOne.ack.p99_ms,
      lock_release_p99_ms: lockOne.release.p99_ms,
      lock_cross_p50_ms: lockCross.acquire.p50_ms,
      lock_cross_p99_ms: lockCross.acquire.p99_ms,
      lock_cross_max_ms: lockCross.acquire.max_ms,
      lock_cross_release_p99_ms: lockCross.release.p99_ms,
      sockets: top.sockets,
      sockets_failed: failed,
      rss_mb: top.rss_mb,
      rss_idle_mb: idleRss,
      rss_per_1000_mb: perThousand,
      full_web_idle_rss_mb: fullIdle.rss_mb,
      full_web_rss_estimate_mb: fullEstimate,
      broadcast_event: "ticket:created via createSocketPublisher on a headless server (worker path) -> Postgres adapter -> web process",
      broadcast_p50_ms: broadcast.p50_ms,
      broadcast_p99_ms: broadcast.p99_ms,
      broadcast_max_ms: broadcast.max_ms,
      broadcast_lock_p99_ms: broadcastLock.p99_ms,
      broadcast_missing: final.missing,
      load_avg_1m: { start: loadStart, end: Math.round(loadavg()[0] * 100) / 100 },
      ramp: ramp.map((s) => ({ sockets: s.sockets, rss_mb: s.rss_mb, connect_s: s.connect_s, created_p99_ms: s.created.p99_ms, lock_p99_ms: s.lock.p99_ms, missing: s.missing })),
      baseline: {
        server: "minimal Socket.IO server with the same Postgres adapter (bench/realtime-relay.lib.ts)",
        relay_p50_ms: relayOne.p50_ms,
        relay_p99_ms: relayOne.p99_ms,
        relay_cross_p50_ms: relayCross.p50_ms,
        relay_cross_p99_ms: relayCross.p99_ms,
      },
    };
  } finally {
    for (const s of sockets) s.close();
    await Promise.allSettled(processes.map((p) => p.stop()));
    await Promise.allSettled(clients.map((c) => c.close()));
    if (closeHeadless) await closeHeadless().catch(() => {});
    await Promise.allSettled(handles.map((h) => h.close()));
    await Promise.allSettled(databases.map((d) => d.drop()));
  }
}
