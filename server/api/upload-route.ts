import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "../../db/client";
import { actorFromCookies } from "../auth/session";
import { AppError, type ErrorReason } from "../domain/errors";
import { langFromCookies, localizedMessage } from "./localize-error";
import { MAX_UPLOAD_BYTES } from "../../lib/upload-limits";
import { storeUpload } from "../domain/conversation/uploads";

const json = (res: ServerResponse, status: number, body: unknown): void =>
  void res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));

/**
 * POST /api/uploads: the request body is the file, its name URI-encoded in `X-Filename`.
 * Answers {id, filename, contentType, size}; the id goes with the message when it is saved.
 * The custom header also keeps other sites out: a cross-site form cannot set it, and a
 * script would need a CORS preflight, which this server never grants.
 */
export async function receiveUpload(
  db: Db,
  auth: { secret: string; secureCookie: boolean },
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const actor = await actorFromCookies(db, req.headers.cookie, auth);
  if (!actor) return json(res, 401, { error: "Please sign in" });
  const rawName = req.headers["x-filename"];
  if (typeof rawName !== "string") return json(res, 400, { error: "The X-Filename header is missing" });
  let filename: string;
  try {
    filename = decodeURIComponent(rawName);
  } catch {
    return json(res, 400, { error: "The X-Filename header is not URI-encoded" });
  }
  const tooLarge = () => {
    res.setHeader("Connection", "close");
    json(res, 413, { error: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
  };
  if (Number(req.headers["content-length"] ?? 0) > MAX_UPLOAD_BYTES) return tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_UPLOAD_BYTES) return tooLarge();
    chunks.push(chunk);
  }
  try {
    const file = await storeUpload(db, actor, {
      filename,
      contentType: req.headers["content-type"] ?? "application/octet-stream",
      content: Buffer.concat(chunks),
    });
    json(res, 201, file);
  } catch (err) {
    if (err instanceof AppError && err.code === "INVALID") {
      const reason = err.details?.reason as ErrorReason | undefined;
      return json(res, 400, { error: localizedMessage(err.message, reason, langFromCookies(req.headers.cookie)) });
    }
    console.error("[web] upload", err);
    json(res, 500, { error: "The file could not be stored" });
  }
}
