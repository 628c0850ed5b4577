import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { createHash } from "node:crypto";
import type { DbOrTx } from "../../../db/client";
import { attachments, uploads } from "../../../db/schema";
import { checkFile } from "../../../lib/file-sniff";
import { MAX_FILES_PER_MESSAGE } from "../../../lib/upload-limits";
import { getSetting } from "../config/settings";
import type { Actor } from "../actor";
import { invalid, refused } from "../errors";

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

/**
 * Keeps a file the actor uploaded for a message they are writing, if the admins allow its
 * type and size (D7). The type is judged by the content, and stored as what the content is,
 * not as what the browser claimed.
 */
export async function storeUpload(
  db: DbOrTx,
  actor: Actor,
  file: { filename: string; contentType: string; content: Buffer },
): Promise<UploadedFile> {
  if (actor.kind !== "user") throw invalid("Only users upload files");
  if (file.content.length === 0) throw refused("INVALID", "The file is empty", { key: "errors.fileEmpty" });
  const [maxMb, allowed] = await Promise.all([getSetting(db, "attachments.maxSizeMb"), getSetting(db, "attachments.allowedTypes")]);
  if (file.content.length > maxMb * 1024 * 1024) throw refused("INVALID", `The file is larger than ${maxMb} MB`, { key: "errors.fileTooLarge", params: { mb: maxMb } });
  const filename = cleanFilename(file.filename);
  const check = checkFile(filename, file.content, allowed);
  if (!check.ok) {
    const ext = check.extension ? `.${check.extension}` : "without an extension";
    if (check.reason !== "notAllowed") {
      throw refused("INVALID", `The content of this file is not what its name says (${ext})`, { key: "errors.fileMismatch", params: { ext: check.extension ? `.${check.extension}` : "—" } });
    }
    throw check.extension
      ? refused("INVALID", `Files of type ${ext} are not allowed`, { key: "errors.fileTypeNotAllowed", params: { ext } })
      : refused("INVALID", "Files without an extension are not allowed", { key: "errors.fileNoExtension" });
  }
  const [row] = await db
    .insert(uploads)
    .values({
      userId: actor.userId,
      filename,
      contentType: check.mime,
      size: file.content.length,
      sha256: createHash("sha256").update(file.content).digest("hex"),
      content: file.content,
    })
    .returning({ id: uploads.id, filename: uploads.filename, contentType: uploads.contentType, size: uploads.size });
  return row;
}

/**
 * Moves a user's uploads onto a saved entry, in the caller's transaction. An id that is not
 * theirs (or expired) fails the whole message, so nothing is sent half attached. The uploads
 * in `internalIds` (all of them with `allInternal`, e.g. on an internal comment) are never
 * mailed nor shown to customers (D7).
 */
export async function attachUploads(
  tx: DbOrTx,
  userId: number | null,
  uploadIds: string[],
  entryId: number,
  visibility: { internalIds?: string[]; allInternal?: boolean; inlineIds?: string[] } = {},
): Promise<void> {
  const ids = [...new Set(uploadIds)];
  if (ids.length === 0) return;
  if (userId === null) throw invalid("Only users attach files");
  const internal = visibility.allInternal ? ids : ids.filter((id) => visibility.internalIds?.includes(id));
  const uuidList = (list: string[]) => (list.length ? sql.join(list.map((id) => sql`${id}::uuid`), sql`, `) : sql`null::uuid`);
  // An inline image is part of the text: it goes wherever the text goes, with its id as Content-ID.
  const inline = (visibility.inlineIds ?? []).filter((id) => ids.includes(id));
  const internalList = uuidList(internal.filter((id) => !inline.includes(id) || visibility.allInternal));
  const inlineList = uuidList(inline);
  const moved = await tx.execute<{ id: string }>(sql`
    with taken as (
      delete from ${uploads}
      where ${and(inArray(uploads.id, ids), eq(uploads.userId, userId))}
      returning *
    )
    insert into ${attachments} (entry_id, filename, content_type, size, sha256, content, uploaded_by_id, content_id, visibility)
    select ${entryId}, filename, content_type, size, sha256, content, ${userId},
      (case when id in (${inlineList}) then id::text end),
      (case when id in (${internalList}) then 'internal' else 'customer' end)::attachment_visibility
    from taken order by created_at, id
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
