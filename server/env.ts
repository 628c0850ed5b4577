import { z } from "zod";

/**
 * All configuration, read once from the process environment and validated.
 * A wrong or missing setting stops start-up with a message naming it.
 * `scripts/start.ts` fills in demo defaults (embedded database, generated secret)
 * before the web and worker processes read this.
 */
const port = z.coerce.number().int().min(1).max(65535);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_URL: z.string().url({ message: "must be a postgres:// URL" }),
  APP_SECRET: z.string().min(32, { message: "must be at least 32 characters" }),
  APP_URL: z.string().url().default("http://localhost:3000"),
  PORT: port.default(3000),
  HOST: z.string().default("0.0.0.0"),
  /**
   * "all": pages, API and Socket.IO on one port. "realtime": Socket.IO only, without Next, for
   * a load balancer that sends /socket.io/ to processes of their own when one process must
   * hold many thousands of sockets (README, "Production").
   */
  /**
   * "1" behind a load balancer or reverse proxy that sets X-Forwarded-For: the per-IP limits on
   * sign-in and password links then count the client's address, not the balancer's.
   */
  TRUST_PROXY: z.enum(["0", "1"]).default("0").transform((v) => v === "1"),
  WEB_ROLE: z.enum(["all", "realtime"]).default("all"),
  /** Demo mode (no active mail account): inbound SMTP on 127.0.0.1 and a local catcher for outgoing mail. */
  DEMO_INBOUND_SMTP_PORT: port.default(2525),
  DEMO_CATCHER_SMTP_PORT: port.default(2526),
  /** IMAP fetch: "idle" (push) or "poll" (used as the benchmark baseline). */
  IMAP_MODE: z.enum(["idle", "poll"]).default("idle"),
  IMAP_POLL_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
  /** "1": the worker logs every IMAP command and server line (diagnosis; the e2e stack sets it). */
  IMAP_TRACE: z.enum(["0", "1"]).default("0").transform((v) => v === "1"),
  /** A fetch pass without progress for this long is dropped and the account reconnects. */
  IMAP_STALL_MS: z.coerce.number().int().min(1000).default(60_000),
  /**
   * How long a worker's claim on an outgoing mail lasts; after a crash mid-send the mail is
   * sent by another worker once it is over. Must stay above the SMTP timeouts (60 s).
   */
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).default(300),
  /** Domain used in generated Message-IDs when an account has none. */
  MAIL_DOMAIN: z.string().default("helpdesk.local"),
  /**
   * Optional: a real mailbox, created or updated on start. imap(s)://user:pass@host:port and
   * smtp(s)://user:pass@host:port (user and password URL-encoded). Without it: demo mode.
   */
  MAIL_ADDRESS: z.string().email().optional(),
  MAIL_IMAP_URL: z.string().regex(/^imaps?:\/\//, "must start with imap:// or imaps://").optional(),
  MAIL_SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example.`);
  }
  return parsed.data;
}

/** The validated configuration; exits the process with a clear message when it is wrong. */
export function env(): Env {
  if (cached) return cached;
  try {
    cached = loadEnv();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  return cached;
}
