/**
 * parseMail in worker threads: a 30 MB mail or a pathological MIME tree must not stall the
 * event loop that also serves IMAP IDLE and the outbox. A small pool is reused across calls;
 * a parse past the time cap is answered with MailParseError and its thread is replaced.
 */
import os from "node:os";
import { Worker } from "node:worker_threads";
import { MAX_MAIL_BYTES, MailParseError, tooLargeReason, type ParsedMail } from "./parse-mail";
import type { ParseRequest, ParseResponse } from "./parse-thread";

export const PARSE_TIMEOUT_MS = 20_000;
const POOL_SIZE = Math.min(2, os.availableParallelism());
/** Heap cap per thread: a mail that needs more is refused instead of taking the process down. */
const THREAD_HEAP_MB = 1024;

export interface ParseIsolatedOptions {
  maxBytes?: number;
  timeoutMs?: number;
}

interface Job {
  id: number;
  raw: Buffer;
  maxBytes: number;
  timeoutMs: number;
  resolve: (mail: ParsedMail) => void;
  reject: (err: Error) => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
}

const threadUrl = new URL(`./parse-thread${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);
let slots: Slot[] = [];
const waiting: Job[] = [];
let nextId = 1;

/**
 * The thread entry is TypeScript when we run from source (tsx, vitest). Node 20 gives every
 * thread its own loader hooks, and tsx registers itself only on the main thread, so
 * `--import tsx` in execArgv is not enough: a small bootstrap registers tsx in the new thread
 * first, then imports the entry. Built JavaScript needs none of this.
 */
function startThread(): Worker {
  const options = { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB } };
  if (!threadUrl.pathname.endsWith(".ts")) return new Worker(threadUrl, options);
  // import.meta.resolve picks tsx's ESM build (its CommonJS API cannot register ESM hooks).
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(threadUrl.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}

function spawn(): Slot {
  const worker = startThread();
  const slot: Slot = { worker, ready: false, job: null };
  worker.unref(); // an idle pool must not keep the process alive
  worker.on("message", (msg: ParseResponse) => onMessage(slot, msg));
  worker.on("error", (err: Error & { code?: string }) => {
    const outOfMemory = err.code === "ERR_WORKER_OUT_OF_MEMORY";
    retire(slot, outOfMemory ? new MailParseError("the mail needs more memory than the parser may use") : err);
  });
  worker.on("exit", () => retire(slot, new Error("mail parser thread exited")));
  slots.push(slot);
  return slot;
}

/** Takes a dead or stuck thread out of the pool, failing its job (and, if it never started, the queue). */
function retire(slot: Slot, err: Error): void {
  if (!slots.includes(slot)) return;
  slots = slots.filter((s) => s !== slot);
  void slot.worker.terminate();
  if (slot.job) finish(slot.job, err);
  slot.job = null;
  if (!slot.ready) {
    // A thread that dies before it is ready would die again: fail fast rather than loop.
    for (const job of waiting.splice(0)) finish(job, err);
    return;
  }
  dispatch();
}

function finish(job: Job, result: ParsedMail | Error): void {
  clearTimeout(job.timer);
  if (result instanceof Error) job.reject(result);
  else job.resolve(result);
}

/** Structured clone turns Buffers into plain Uint8Arrays; give callers Buffers again (no copy). */
function revive(mail: ParsedMail): ParsedMail {
  for (const a of mail.attachments) a.content = Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength);
  return mail;
}

function onMessage(slot: Slot, msg: ParseResponse): void {
  if (msg.type === "ready") {
    slot.ready = true;
    dispatch();
    return;
  }
  const job = slot.job;
  if (!job || job.id !== msg.id) return; // a late answer for a job that already timed out
  slot.job = null;
  slot.worker.unref();
  finish(job, msg.type === "done" ? revive(msg.mail) : msg.parseError ? new MailParseError(msg.message) : new Error(msg.message));
  dispatch();
}

function dispatch(): void {
  while (waiting.length > 0) {
    const slot = slots.find((s) => s.ready && !s.job);
    if (!slot) {
      if (slots.length < POOL_SIZE) spawn();
      return;
    }
    const job = waiting.shift()!;
    slot.job = job;
    slot.worker.ref();
    // Copy once into a buffer of our own and move that: the caller's Buffer stays usable,
    // and a Buffer from Node's shared pool could not be transferred anyway.
    const copy = new Uint8Array(job.raw.length);
    copy.set(job.raw);
    const request: ParseRequest = { id: job.id, raw: copy, maxBytes: job.maxBytes };
    // The clock starts when the thread has the mail, so start-up time does not count.
    job.timer = setTimeout(() => {
      slot.job = null;
      finish(job, new MailParseError(`parsing took longer than ${seconds(job.timeoutMs)}`));
      retire(slot, new Error("mail parser thread stopped after a timeout"));
      if (slots.length < POOL_SIZE) spawn(); // replace it now, so the next mail does not wait for start-up
    }, job.timeoutMs);
    slot.worker.postMessage(request, [copy.buffer]);
  }
}

/**
 * parseMail(raw) on a pool thread, capped in size (maxBytes, default 25 MB) and in time
 * (timeoutMs, default 20 s). Rejects with MailParseError for bad, oversized or too slow mail.
 */
export function parseMailIsolated(raw: Buffer, opts: ParseIsolatedOptions = {}): Promise<ParsedMail> {
  const maxBytes = opts.maxBytes ?? MAX_MAIL_BYTES;
  // Refuse oversize mail here, before copying it to a thread.
  if (raw.length > maxBytes) return Promise.reject(new MailParseError(tooLargeReason(raw.length, maxBytes)));
  return new Promise<ParsedMail>((resolve, reject) => {
    waiting.push({ id: nextId++, raw, maxBytes, timeoutMs: opts.timeoutMs ?? PARSE_TIMEOUT_MS, resolve, reject });
    dispatch();
  });
}

/** Stops every pool thread (for shutdown and tests); pending parses are rejected. */
export async function closeParsePool(): Promise<void> {
  const closing = slots;
  slots = [];
  const err = new Error("mail parser pool closed");
  for (const job of waiting.splice(0)) finish(job, err);
  for (const slot of closing) if (slot.job) finish(slot.job, err);
  await Promise.all(closing.map((s) => s.worker.terminate()));
}
