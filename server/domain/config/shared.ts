import { sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../../db/client";
import type { Actor } from "../actor";
import { recordAudit, type AuditEntity } from "../audit";
import { AppError } from "../errors";

/**
 * What the configuration modules (B1–B9: queues, statuses, status groups and the
 * configurable lists) share: field errors shaped like the other routers' (flattened, one
 * list of messages per field), name rules, colours and moving a row up or down its list.
 */

export const CONFIG_NAME_MAX = 100;
export const QUEUE_DESCRIPTION_MAX = 500;
export const QUEUE_GROUP_MAX = 100;
export const PROGRESS_MIN = 0;
export const PROGRESS_MAX = 100;
export const COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;

export type MoveDirection = "up" | "down";

/** An INVALID error shown beside one form field (the error formatter passes `fieldErrors` on). */
export function configFieldError(field: string, message: string): AppError {
  return new AppError("INVALID", message, { fieldErrors: { [field]: [message] } });
}

/** Trimmed; blank becomes null. */
export function blankToNull(v: string | null | undefined): string | null {
  const t = v?.trim() ?? "";
  return t === "" ? null : t;
}

/** The English name: required, trimmed, at most CONFIG_NAME_MAX characters. */
export function requiredName(value: string | undefined, field = "name"): string {
  const name = value?.trim() ?? "";
  if (!name) throw configFieldError(field, "The name is required");
  if (name.length > CONFIG_NAME_MAX) throw configFieldError(field, `A name has at most ${CONFIG_NAME_MAX} characters`);
  return name;
}

/** An optional text (German name, group, description): trimmed, blank = null, at most `max` characters. */
export function optionalText(value: string | null | undefined, field: string, max = CONFIG_NAME_MAX): string | null {
  const text = blankToNull(value);
  if (text && text.length > max) throw configFieldError(field, `At most ${max} characters`);
  return text;
}

/** A colour as #rrggbb (lower case), or null when optional and blank. */
export function colourOf(value: string | null | undefined, required: boolean): string | null {
  const c = blankToNull(value);
  if (c === null) {
    if (required) throw configFieldError("colour", "Choose a colour");
    return null;
  }
  if (!COLOUR_PATTERN.test(c)) throw configFieldError("colour", "A colour is written as #rrggbb");
  return c.toLowerCase();
}

export function progressOf(value: number): number {
  if (!Number.isInteger(value) || value < PROGRESS_MIN || value > PROGRESS_MAX) {
    throw configFieldError("progress", `The progress is a whole number from ${PROGRESS_MIN} to ${PROGRESS_MAX}`);
  }
  return value;
}

/** The order after moving `id` one place; the same order when it is already at that end. Null when `id` is not in it. */
/** The position after the last row of an ordered list (0 for an empty one); `where` narrows the list. */
export async function nextPosition(tx: DbOrTx, table: PgTable, position: PgColumn, where?: SQL): Promise<number> {
  const [{ last }] = await tx.select({ last: sql<number>`coalesce(max(${position}), -1)::int` }).from(table).where(where);
  return last + 1;
}

/**
 * Moves one row of an ordered list (rows as they are, locked by the caller) one place up or
 * down, writes the positions, and records the new order by name in the audit log.
 * Returns the new order of ids, or null when `id` is not in the list.
 */
export async function moveInList(
  tx: DbOrTx,
  actor: Actor,
  list: { rows: { id: number; name: string }[]; id: number; direction: MoveDirection; entity: AuditEntity; label: string },
  writePosition: (id: number, position: number) => Promise<unknown>,
): Promise<number[] | null> {
  const order = list.rows.map((r) => r.id);
  const next = movedOrder(order, list.id, list.direction);
  if (!next) return null;
  for (const [position, id] of next.entries()) await writePosition(id, position);
  const names = (ids: number[]) => ids.map((id) => list.rows.find((r) => r.id === id)!.name);
  await recordAudit(tx, actor, { entity: list.entity, entityId: null, label: list.label, before: { order: names(order) }, after: { order: names(next) } });
  return next;
}

export function movedOrder(order: readonly number[], id: number, direction: MoveDirection): number[] | null {
  const i = order.indexOf(id);
  if (i < 0) return null;
  const next = [...order];
  const j = direction === "up" ? i - 1 : i + 1;
  if (j >= 0 && j < next.length) [next[i], next[j]] = [next[j], next[i]];
  return next;
}

/** The Postgres error code of `err` or of what caused it (drizzle wraps driver errors). */
function pgCode(err: unknown): unknown {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** A unique index said no: two admins saved the same name at once. */
export const isUniqueViolation = (err: unknown) => pgCode(err) === "23505";

/** A foreign key said no: a row still refers to what was being deleted (it became used meanwhile). */
export const isForeignKeyViolation = (err: unknown) => pgCode(err) === "23503";

/** Runs `work`; a unique-index violation becomes the field error a duplicate name gets. */
export async function withUniqueName<T>(work: () => Promise<T>, message: string, field = "name"): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw configFieldError(field, message);
    throw err;
  }
}
