import { asc, count, eq, isNotNull, ne, and, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { hourlyRates, timeEntries, type HourlyRate } from "../../../db/schema";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import { notFound } from "../errors";
import { assertAdmin, isStaff } from "../permissions";
import { configFieldError, moveInList, nextPosition, requiredName, withUniqueName, type MoveDirection } from "./shared";

/**
 * F3: named hourly rates (e.g. "Standard 95 €", "Night 140 €"). A time entry copies the rate's
 * cents at booking, so editing or deleting a rate never rewrites what was booked; a
 * deactivated rate is no longer offered for new bookings.
 */

/** 100,000 € per hour: far above any real rate, far below integer overflow. */
export const MAX_CENTS_PER_HOUR = 10_000_000;

export interface HourlyRateInput {
  name: string;
  centsPerHour: number;
}

export interface HourlyRateConfig extends HourlyRateInput {
  id: number;
  position: number;
  active: boolean;
  /** Time entries booked at this rate. */
  entryCount: number;
}

const byPosition = [asc(hourlyRates.position), asc(hourlyRates.id)] as const;
const snapshot = (r: HourlyRate) => ({ name: r.name, centsPerHour: r.centsPerHour, active: r.active });
const duplicate = (name: string) => `There is already a rate named “${name}”`;

function checked(input: HourlyRateInput): HourlyRateInput {
  const cents = input.centsPerHour;
  if (!Number.isInteger(cents) || cents < 0 || cents > MAX_CENTS_PER_HOUR) {
    throw configFieldError("centsPerHour", "Enter an amount per hour from 0 to 100,000 €");
  }
  return { name: requiredName(input.name), centsPerHour: cents };
}

async function assertNameFree(tx: DbOrTx, name: string, exceptId?: number): Promise<void> {
  const [other] = await tx
    .select({ name: hourlyRates.name })
    .from(hourlyRates)
    .where(and(sql`lower(${hourlyRates.name}) = lower(${name})`, exceptId === undefined ? undefined : ne(hourlyRates.id, exceptId)));
  if (other) throw configFieldError("name", duplicate(other.name));
}

async function loadRate(tx: DbOrTx, id: number): Promise<HourlyRate> {
  const [r] = await tx.select().from(hourlyRates).where(eq(hourlyRates.id, id)).for("update");
  if (!r) throw notFound("Rate");
  return r;
}

/** Rate id → time entries booked at it; for one rate only when `rateId` is given. */
async function entryCounts(db: DbOrTx, rateId?: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ id: timeEntries.rateId, n: count() })
    .from(timeEntries)
    .where(rateId === undefined ? isNotNull(timeEntries.rateId) : eq(timeEntries.rateId, rateId))
    .groupBy(timeEntries.rateId);
  return new Map(rows.map((r) => [r.id!, r.n]));
}

const toConfig = (r: HourlyRate, entryCount: number): HourlyRateConfig => ({ id: r.id, position: r.position, ...snapshot(r), entryCount });

/** Every rate in order, with how many time entries were booked at it (admins). */
export async function listHourlyRates(db: DbOrTx, actor: Actor): Promise<HourlyRateConfig[]> {
  assertAdmin(actor);
  const [rows, counts] = await Promise.all([db.select().from(hourlyRates).orderBy(...byPosition), entryCounts(db)]);
  return rows.map((r) => toConfig(r, counts.get(r.id) ?? 0));
}

/** The rates offered when booking time: active ones, in order (any staff user). */
export async function activeHourlyRates(db: DbOrTx, actor: Actor): Promise<{ id: number; name: string; centsPerHour: number }[]> {
  if (!isStaff(actor) && actor.kind !== "system") return [];
  return db
    .select({ id: hourlyRates.id, name: hourlyRates.name, centsPerHour: hourlyRates.centsPerHour })
    .from(hourlyRates)
    .where(eq(hourlyRates.active, true))
    .orderBy(...byPosition);
}

export async function createHourlyRate(db: DbOrTx, actor: Actor, input: HourlyRateInput): Promise<HourlyRateConfig> {
  assertAdmin(actor);
  const values = checked(input);
  return withUniqueName(
    () =>
      db.transaction(async (tx) => {
        await assertNameFree(tx, values.name);
        const position = await nextPosition(tx, hourlyRates, hourlyRates.position);
        const [r] = await tx.insert(hourlyRates).values({ ...values, position, active: true }).returning();
        await recordAudit(tx, actor, { entity: "hourlyRate", entityId: r.id, label: r.name, before: null, after: snapshot(r) });
        return toConfig(r, 0);
      }),
    duplicate(values.name),
  );
}

export async function updateHourlyRate(db: DbOrTx, actor: Actor, id: number, input: HourlyRateInput): Promise<HourlyRateConfig> {
  assertAdmin(actor);
  const values = checked(input);
  return withUniqueName(
    () =>
      db.transaction(async (tx) => {
        const existing = await loadRate(tx, id);
        await assertNameFree(tx, values.name, id);
        const [r] = await tx.update(hourlyRates).set(values).where(eq(hourlyRates.id, id)).returning();
        await recordAudit(tx, actor, { entity: "hourlyRate", entityId: r.id, label: r.name, before: snapshot(existing), after: snapshot(r) });
        return toConfig(r, (await entryCounts(tx, r.id)).get(r.id) ?? 0);
      }),
    duplicate(values.name),
  );
}

/** Inactive rates stay on the entries booked at them but are no longer offered. */
export async function setHourlyRateActive(db: DbOrTx, actor: Actor, id: number, active: boolean): Promise<HourlyRateConfig> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const existing = await loadRate(tx, id);
    const [r] = await tx.update(hourlyRates).set({ active }).where(eq(hourlyRates.id, id)).returning();
    await recordAudit(tx, actor, { entity: "hourlyRate", entityId: r.id, label: r.name, before: snapshot(existing), after: snapshot(r) });
    return toConfig(r, (await entryCounts(tx, r.id)).get(r.id) ?? 0);
  });
}

export async function moveHourlyRate(db: DbOrTx, actor: Actor, id: number, direction: MoveDirection): Promise<number[]> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    await loadRate(tx, id);
    const rows = await tx.select({ id: hourlyRates.id, name: hourlyRates.name }).from(hourlyRates).orderBy(...byPosition).for("update");
    const next = await moveInList(tx, actor, { rows, id, direction, entity: "hourlyRate", label: "Rates: order" }, (rowId, position) =>
      tx.update(hourlyRates).set({ position }).where(eq(hourlyRates.id, rowId)),
    );
    return next!;
  });
}

/**
 * Deletes a rate. Entries booked at it keep their copied cents per hour (the foreign key sets
 * their rate to null), so bills do not change; they only lose the rate's name.
 */
export async function deleteHourlyRate(db: DbOrTx, actor: Actor, id: number): Promise<void> {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    const r = await loadRate(tx, id);
    await tx.delete(hourlyRates).where(eq(hourlyRates.id, r.id));
    await recordAudit(tx, actor, { entity: "hourlyRate", entityId: r.id, label: r.name, before: snapshot(r), after: null });
  });
}
