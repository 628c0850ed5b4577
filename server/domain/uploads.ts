import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { createHash } from "node:crypto";
import type { DbOrTx } from "../../db/client";
import { attachments, uploads } from "../../db/schema";
import { MAX_FILES_PER_MESSAGE, MAX_UPLOAD_BYTES } from "../../lib/upload-limits";
import type { Actor } from "./actor";
import { invalid } from "./errors";

/** Files attached to a message, by the ids `POST /api/uploads` answered. */
export const uploadIdsInput = z
  .array(z.uuid("Attach the file again"))
  .max(MAX_FILES_PER_MESSAGE, `At most ${MAX_FILES_PER_MESSAGE} files per message`)
  .default([]);

export interface UploadedFile {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/** A file name safe to store and to put in a mail header: no path, no control characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return clean || "file";
}

/** Keeps a file the actor uploaded for a message they are writing. */
export async function storeUpload(
  db: DbOrTx,
  actor: Actor,
  file: { filename: string; contentType: string; content: Buffer },
): Promise<UploadedFile> {
  if (actor.kind !== "user") throw invalid("Only users upload files");
  if (file.content.length === 0) throw invalid("The file is empty");
  if (file.content.length > MAX_UPLOAD_BYTES) throw invalid(`The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  const contentType = /^[\w.+-]+\/[\w.+-]+$/.test(file.contentType) ? file.contentType.toLowerCase() : "application/octet-stream";
  const [row] = await db
    .insert(uploads)
    .values({
      userId: actor.userId,
      filename: cleanFilename(file.filename),
      contentType,
      size: file.content.length,
      sha256: createHash("sha256").update(file.content).digest("hex"),
      content: file.content,
    })
    .returning({ id: uploads.id, filename: uploads.filename, contentType: uploads.contentType, size: uploads.size });
  return row;
}

/**
 * Moves a user's uploads onto a saved entry, in the caller's transaction. An id that is not
 * theirs (or expired) fails the whole message, so nothing is sent half attached.
 */
export async function attachUploads(tx: DbOrTx, userId: number | null, uploadIds: string[], entryId: number): Promise<void> {
  const ids = [...new Set(uploadIds)];
  if (ids.length === 0) return;
  if (userId === null) throw invalid("Only users attach files");
  const moved = await tx.execute<{ id: string }>(sql`
    with taken as (
      delete from ${uploads}
      where ${and(inArray(uploads.id, ids), eq(uploads.userId, userId))}
      returning *
    )
    insert into ${attachments} (entry_id, filename, content_type, size, sha256, content)
    select ${entryId}, filename, content_type, size, sha256, content from taken order by created_at, id
    returning id`);
  if (moved.length !== ids.length) throw invalid("An attached file has expired; please attach it again");
}

/** Uploads never sent with a message, older than the given hours. */
export async function deleteStaleUploads(db: DbOrTx, olderThanHours: number): Promise<number> {
  const gone = await db
    .delete(uploads)
    .where(lt(uploads.createdAt, sql`now() - make_interval(hours => ${olderThanHours})`))
    .returning({ id: uploads.id });
  return gone.length;
}
