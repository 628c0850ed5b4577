import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "../../db/client";
import { actorFromCookies } from "../auth/session";
import { readAttachment } from "../domain/conversation/attachments";
import { AppError } from "../domain/errors";

const inlineTypes = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/**
 * GET /api/attachments/:id for signed-in users who may read the ticket. Only common image
 * types are shown inline; everything else downloads as octet-stream, never rendered by us.
 */
export async function serveAttachment(
  db: Db,
  auth: { secret: string; secureCookie: boolean },
  req: IncomingMessage,
  res: ServerResponse,
  id: number,
): Promise<void> {
  const actor = await actorFromCookies(db, req.headers.cookie, auth);
  if (!actor) {
    res.writeHead(401, { "Content-Type": "text/plain" }).end("Please sign in");
    return;
  }
  try {
    const file = await readAttachment(db, actor, id);
    const inline = inlineTypes.has(file.contentType.toLowerCase());
    const name = encodeURIComponent(file.filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
    res.writeHead(200, {
      "Content-Type": inline ? file.contentType : "application/octet-stream",
      "Content-Length": file.content.length,
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${name}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=3600",
    });
    res.end(file.content);
  } catch (err) {
    const missing = err instanceof AppError && err.code === "NOT_FOUND";
    if (!missing) console.error("[web] attachment", err);
    res.writeHead(missing ? 404 : 500, { "Content-Type": "text/plain" }).end(missing ? "Not found" : "Internal error");
  }
}
