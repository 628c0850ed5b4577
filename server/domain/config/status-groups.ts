import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { statuses, statusGroups, type StatusGroup } from "../../../db/schema";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import { notFound } from "../errors";
import { assertAdmin } from "../permissions";
import { colourOf, configFieldError, moveInList, nextPosition, optionalText, requiredName, withUniqueName, type MoveDirection } from "./shared";

/**
 * Status groups (B3): a name in English and German, a position and a colour; a status belongs
 * to at most one. Deleting a group leaves its statuses without a group.
 */

export interface StatusGroupInput {
  name: string;
  nameDe: string | null;
  colour: string;
}

export interface StatusGroupConfig extends StatusGroupInput {
  id: number;
  position: number;
  /** Statuses (of all queues) in this group. */
  statusCount: number;
}

const byPosition = [asc(statusGroups.position), asc(statusGroups.id)] as const;
const snapshot = (g: StatusGroup) => ({ name: g.name, nameDe: g.nameDe, colour: g.colour });
const duplicate = (name: string) => `There is already a status group named “${name}”`;

function checked(input: StatusGroupInput): StatusGroupInput {
  return { name: requiredName(input.name), nameDe: optionalText(input.nameDe, "nameDe"), colour: colourOf(input.colour, true)! };
}

async function assertNameFree(tx: DbOrTx, name: string, exceptId?: number): Promise<void> {
  const [other] = await tx
    .select({ name: statusGroups.name })
    .from(statusGroups)
    .where(and(sql`lower(${statusGroups.name}) = lower(${name})`, exceptId === undefined ? undefined : ne(statusGroups.id, exceptId)));
  if (other) throw configFieldError("name", duplicate(other.name));
}

async function statusCount(tx: DbOrTx, groupId: number): Promise<number> {
  const [{ n }] = await tx.select({ n: count() }).from(statuses).where(eq(statuses.groupId, groupId));
  return n;
}

export async function listStatusGroups(db: DbOrTx, actor: Actor): Promise<StatusGroupConfig[]> {
  assertAdmin(actor);
  const [rows, counts] = await Promise.all([
    db.select().from(statusGroups).orderBy(...byPosition),
    db.select({ groupId: statuses.groupId, n: count() }).from(statuses).groupBy(statuses.groupId),
  ]);
  const byGroup = new Map(counts.map((c) => [c.groupId, c.n]));
  return rows.map((g) => ({ id: g.id, position: g.position, ...snapshot(g), statusCount: byGroup.get(g.id) ?? 0 }));
}

export async function createStatusGroup(db: DbOrTx, actor: Actor, input: StatusGroupInput): Promise<StatusGroupConfig> {
  assertAdmin(actor);
  const values = checked(input);
  return withUniqueName(
    () =>
      db.transaction(async (tx) => {
        await assertNameFree(tx, values.name);
        const position = await nextPosition(tx, statusGroups, statusGroups.position);
        const [g] = await tx.insert(statusGroups).values({ ...values, position }).returning();
        await recordAudit(tx, actor, { entity: "statusGroup", entityId: g.id, label: g.name, before: null, after: snapshot(g) });
        return { id: g.id, position: g.position, ...snapshot(g), statusCount: 0 };
      }),
    duplicate(values.name),
  );
}

export async function updateStatusGroup(db: DbOrTx, actor: Actor, groupId: number, input: StatusGroupInput): Promise<StatusGroupConfig> {
  assertAdmin(actor);
  const values = checked(input);
  return withUniqueName(
    () =>
      db.transaction(async (tx) => {
        const [existing] = await tx.select().from(statusGroups).where(eq(statusGroups.id, groupId)).for("update");
        if (!existing) throw notFound("Status group");
        await assertNameFree(tx, values.name, groupId);
        const [g] = await tx.update(statusGroups).set(values).where(eq(statusGroups.id, groupId)).returning();
        await recordAudit(tx, actor, { entity: "statusGroup", entityId: g.id, label: g.name, before: snapshot(existing), after: snapshot(g) });
        return { id: g.id, position: g.position, ...snapshot(g), statusCount: await statusCount(tx, g.id) };
      }),
    duplicate(values.name),
  );
}

export async function moveStatusGroup(db: DbOrTx, actor: Actor, groupId: number, direction: MoveDirection): Promise<number[]> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const rows = await tx.select({ id: statusGroups.id, name: statusGroups.name }).from(statusGroups).orderBy(...byPosition).for("update");
    const next = await moveInList(tx, actor, { rows, id: groupId, direction, entity: "statusGroup", label: "order" }, (id, position) =>
      tx.update(statusGroups).set({ position }).where(eq(statusGroups.id, id)),
    );
    if (!next) throw notFound("Status group");
    return next;
  });
}

/** Deletes a group; its statuses stay, without a group. */
export async function deleteStatusGroup(db: DbOrTx, actor: Actor, groupId: number): Promise<{ ungroupedStatuses: number }> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const [g] = await tx.select().from(statusGroups).where(eq(statusGroups.id, groupId)).for("update");
    if (!g) throw notFound("Status group");
    const n = await statusCount(tx, g.id);
    await tx.delete(statusGroups).where(eq(statusGroups.id, g.id));
    await recordAudit(tx, actor, { entity: "statusGroup", entityId: g.id, label: g.name, before: { ...snapshot(g), statuses: n }, after: null });
    return { ungroupedStatuses: n };
  });
}
