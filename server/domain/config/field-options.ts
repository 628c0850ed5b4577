import { and, asc, countDistinct, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../../db/client";
import { fieldOptionKind, fieldOptions, ticketEntries, ticketOwners, tickets, type FieldOption, type FieldOptionKind } from "../../../db/schema";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import { AppError, notFound } from "../errors";
import { assertAdmin } from "../permissions";
import { colourOf, configFieldError, isForeignKeyViolation, moveInList, nextPosition, optionalText, requiredName, withUniqueName, type MoveDirection } from "./shared";

/**
 * The configurable lists (B4, B5, B8, B9), one table for all kinds: ticket roles, topics,
 * brands, categories, severities, sources and service contracts. Each option has English and
 * German names, a position within its kind, an optional colour, and can be deactivated
 * (kept for the tickets that have it, no longer offered). An option tickets refer to is not
 * deleted: the refusal counts the tickets that use it.
 */

export const fieldOptionKinds = fieldOptionKind.enumValues;

/**
 * Where options of each kind are used, and the ticket each use belongs to: a ticket column,
 * a further owner's role (ticket_owners) or an entry's topic (ticket_entries).
 */
const usage: Record<FieldOptionKind, { column: PgColumn; ticketId: PgColumn }> = {
  brand: { column: tickets.brandId, ticketId: tickets.id },
  category: { column: tickets.categoryId, ticketId: tickets.id },
  severity: { column: tickets.severityId, ticketId: tickets.id },
  source: { column: tickets.sourceId, ticketId: tickets.id },
  serviceContract: { column: tickets.serviceContractId, ticketId: tickets.id },
  ticketRole: { column: ticketOwners.roleId, ticketId: ticketOwners.ticketId },
  topic: { column: ticketEntries.topicId, ticketId: ticketEntries.ticketId },
};

export interface FieldOptionInput {
  name: string;
  nameDe: string | null;
  colour: string | null;
}

export interface FieldOptionConfig extends FieldOptionInput {
  id: number;
  kind: FieldOptionKind;
  position: number;
  active: boolean;
  /** Tickets that use this option (as a field, a further owner's role or an entry's topic). */
  ticketCount: number;
}

const byPosition = [asc(fieldOptions.position), asc(fieldOptions.id)] as const;
const snapshot = (o: FieldOption) => ({ kind: o.kind, name: o.name, nameDe: o.nameDe, colour: o.colour, active: o.active });
const duplicate = (name: string) => `This list already has an entry named “${name}”`;
const label = (o: FieldOption) => `${o.kind}: ${o.name}`;

function checked(input: FieldOptionInput): FieldOptionInput {
  return { name: requiredName(input.name), nameDe: optionalText(input.nameDe, "nameDe"), colour: colourOf(input.colour, false) };
}

function kindOf(kind: FieldOptionKind): FieldOptionKind {
  if (!fieldOptionKinds.includes(kind)) throw configFieldError("kind", "Choose a list");
  return kind;
}

async function assertNameFree(tx: DbOrTx, kind: FieldOptionKind, name: string, exceptId?: number): Promise<void> {
  const [other] = await tx
    .select({ name: fieldOptions.name })
    .from(fieldOptions)
    .where(and(eq(fieldOptions.kind, kind), sql`lower(${fieldOptions.name}) = lower(${name})`, exceptId === undefined ? undefined : ne(fieldOptions.id, exceptId)));
  if (other) throw configFieldError("name", duplicate(other.name));
}

/** Option id → tickets that use it, for every kind. */
async function ticketCounts(db: DbOrTx, kind?: FieldOptionKind): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const [k, { column, ticketId }] of Object.entries(usage) as [FieldOptionKind, (typeof usage)[FieldOptionKind]][]) {
    if (kind && k !== kind) continue;
    const rows = await db.select({ id: column, n: countDistinct(ticketId) }).from(column.table).where(isNotNull(column)).groupBy(column);
    for (const r of rows) out.set(r.id as number, r.n);
  }
  return out;
}

async function ticketCountOf(db: DbOrTx, o: FieldOption): Promise<number> {
  const { column, ticketId } = usage[o.kind];
  const [{ n }] = await db.select({ n: countDistinct(ticketId) }).from(column.table).where(eq(column, o.id));
  return n;
}

const toConfig = (o: FieldOption, ticketCount: number): FieldOptionConfig => ({ id: o.id, position: o.position, ...snapshot(o), ticketCount });

async function loadOption(tx: DbOrTx, id: number): Promise<FieldOption> {
  const [o] = await tx.select().from(fieldOptions).where(eq(fieldOptions.id, id)).for("update");
  if (!o) throw notFound("List entry");
  return o;
}

/** One kind's options (or all), in order, with their ticket counts (admins). */
export async function listFieldOptions(db: DbOrTx, actor: Actor, input: { kind?: FieldOptionKind }): Promise<FieldOptionConfig[]> {
  assertAdmin(actor);
  const [rows, counts] = await Promise.all([
    db.select().from(fieldOptions).where(input.kind ? eq(fieldOptions.kind, input.kind) : undefined).orderBy(asc(fieldOptions.kind), ...byPosition),
    ticketCounts(db, input.kind),
  ]);
  return rows.map((o) => toConfig(o, counts.get(o.id) ?? 0));
}

export async function createFieldOption(db: DbOrTx, actor: Actor, input: FieldOptionInput & { kind: FieldOptionKind }): Promise<FieldOptionConfig> {
  assertAdmin(actor);
  const kind = kindOf(input.kind);
  const values = checked(input);
  return withUniqueName(
    () =>
      db.transaction(async (tx) => {
        await assertNameFree(tx, kind, values.name);
        const position = await nextPosition(tx, fieldOptions, fieldOptions.position, eq(fieldOptions.kind, kind));
        const [o] = await tx.insert(fieldOptions).values({ ...values, kind, position, active: true }).returning();
        await recordAudit(tx, actor, { entity: "fieldOption", entityId: o.id, label: label(o), before: null, after: snapshot(o) });
        return toConfig(o, 0);
      }),
    duplicate(values.name),
  );
}

export async function updateFieldOption(db: DbOrTx, actor: Actor, id: number, input: FieldOptionInput): Promise<FieldOptionConfig> {
  assertAdmin(actor);
  const values = checked(input);
  return withUniqueName(
    () =>
      db.transaction(async (tx) => {
        const existing = await loadOption(tx, id);
        await assertNameFree(tx, existing.kind, values.name, id);
        const [o] = await tx.update(fieldOptions).set(values).where(eq(fieldOptions.id, id)).returning();
        await recordAudit(tx, actor, { entity: "fieldOption", entityId: o.id, label: label(o), before: snapshot(existing), after: snapshot(o) });
        return toConfig(o, await ticketCountOf(tx, o));
      }),
    duplicate(values.name),
  );
}

/** Inactive options stay on the tickets that have them but are no longer offered. */
export async function setFieldOptionActive(db: DbOrTx, actor: Actor, id: number, active: boolean): Promise<FieldOptionConfig> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const existing = await loadOption(tx, id);
    const [o] = await tx.update(fieldOptions).set({ active }).where(eq(fieldOptions.id, id)).returning();
    await recordAudit(tx, actor, { entity: "fieldOption", entityId: o.id, label: label(o), before: snapshot(existing), after: snapshot(o) });
    return toConfig(o, await ticketCountOf(tx, o));
  });
}

/** Moves an option one place up or down within its kind. */
export async function moveFieldOption(db: DbOrTx, actor: Actor, id: number, direction: MoveDirection): Promise<number[]> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const option = await loadOption(tx, id);
    const rows = await tx
      .select({ id: fieldOptions.id, name: fieldOptions.name })
      .from(fieldOptions)
      .where(eq(fieldOptions.kind, option.kind))
      .orderBy(...byPosition)
      .for("update");
    const next = await moveInList(tx, actor, { rows, id, direction, entity: "fieldOption", label: `${option.kind}: order` }, (rowId, position) =>
      tx.update(fieldOptions).set({ position }).where(eq(fieldOptions.id, rowId)),
    );
    return next!;
  });
}

/** Deletes an option no ticket has; one in use is refused with the count (deactivate it instead). */
export async function deleteFieldOption(db: DbOrTx, actor: Actor, id: number): Promise<void> {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    const o = await loadOption(tx, id);
    const n = await ticketCountOf(tx, o);
    if (n > 0) throw inUse(o, n);
    try {
      await tx.delete(fieldOptions).where(eq(fieldOptions.id, o.id));
    } catch (err) {
      // A ticket got it between the count and the delete (the foreign key restricts).
      if (isForeignKeyViolation(err)) throw new AppError("CONFLICT", `“${o.name}” is now used by a ticket and cannot be deleted; deactivate it instead`);
      throw err;
    }
    await recordAudit(tx, actor, { entity: "fieldOption", entityId: o.id, label: label(o), before: snapshot(o), after: null });
  });
}

function inUse(o: FieldOption, n: number): AppError {
  return new AppError(
    "CONFLICT",
    `“${o.name}” is used by ${n === 1 ? "1 ticket" : `${n} tickets`} and cannot be deleted; deactivate it instead`,
    { ticketCount: n },
  );
}
