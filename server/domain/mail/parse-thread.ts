/**
 * Worker-thread entry for parse-pool.ts: parses one mail per message, so a huge or hostile
 * mail burns this thread's time and heap instead of the worker process's event loop.
 */
import { parentPort } from "node:worker_threads";
import { MailParseError, parseMail, type ParsedMail } from "./parse-mail";

export interface ParseRequest {
  id: number;
  raw: Uint8Array;
  maxBytes?: number;
}

export type ParseResponse =
  | { type: "ready" }
  | { type: "done"; id: number; mail: ParsedMail }
  | { type: "failed"; id: number; parseError: boolean; message: string };

/** Attachment buffers that own their whole ArrayBuffer can move back without a copy. */
function transferList(mail: ParsedMail): ArrayBuffer[] {
  const list = new Set<ArrayBuffer>();
  for (const { content } of mail.attachments) {
    const whole = content.byteOffset === 0 && content.byteLength === content.buffer.byteLength;
    // Small buffers share Node's allocation pool, which must not be transferred.
    if (whole && content.byteLength >= 64 * 1024 && content.buffer instanceof ArrayBuffer) list.add(content.buffer);
  }
  return [...list];
}

const port = parentPort;
if (!port) throw new Error("parse-thread.ts runs only as a worker thread (see parse-pool.ts)");

port.on("message", async ({ id, raw, maxBytes }: ParseRequest) => {
  let reply: ParseResponse;
  let transfer: ArrayBuffer[] = [];
  try {
    const mail = await parseMail(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), { maxBytes });
    reply = { type: "done", id, mail };
    transfer = transferList(mail);
  } catch (err) {
    reply = { type: "failed", id, parseError: err instanceof MailParseError, message: (err as Error).message };
  }
  port.postMessage(reply, transfer);
});

port.postMessage({ type: "ready" } satisfies ParseResponse);
