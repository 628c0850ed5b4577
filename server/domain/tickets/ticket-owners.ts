import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { fieldOptions, ticketOwners, users } from "../../../db/schema";
import { AppError } from "../errors";
import type { FieldChange } from "./ticket-extra-fields";
import { addWatchers } from "./watchers";

/**
 * C1 "owners with roles": besides the one responsible owner (`tickets.owner_id`) a ticket
 * may have further owners, each with a ticket role from the configurable list (B4), e.g.
 * "Specialist" or "Reviewer". They watch the ticket (C12) and, on an internal ticket, may
 * talk in it like the owner (C2).
 */

export interface CoOwnerInput {
  userId: number;
  roleId: number | null;
}

export interface CoOwner {
  ticketId: number;
  userId: number;
  name: string;
  roleId: number | null;
  roleName: string | null;
  roleNameDe: string | null;
}

export async function coOwnersOf(db: DbOrTx, ticketIds: number[]): Promise<CoOwner[]> {
  if (ticketIds.length === 0) return [];
  return db
    .select({
      ticketId: ticketOwners.ticketId, userId: ticketOwners.userId, name: users.name,
      roleId: ticketOwners.roleId, roleName: fieldOptions.name, roleNameDe: fieldOptions.nameDe,
    })
    .from(ticketOwners)
    .innerJoin(users, eq(users.id, ticketOwners.userId))
    .leftJoin(fieldOptions, eq(fieldOptions.id, ticketOwners.roleId))
    .where(inArray(ticketOwners.ticketId, ticketIds))
    .orderBy(asc(users.name));
}

const describe = (list: { name: string; roleName: string | null }[]) =>
  list.map((o) => (o.roleName ? `${o.name} (${o.roleName})` : o.name)).join(", ") || null;

/**
 * Replaces the ticket's further owners with `wanted` (the main owner is dropped from it) and
 * returns the history change, if any. `isEligible` is the same test the main owner passes.
 */
export async function replaceCoOwners(
  tx: DbOrTx,
  ticket: { id: number; ownerId: number | null },
  wanted: CoOwnerInput[],
  isEligible: (userId: number) => Promise<boolean>,
): Promise<FieldChange | null> {
  const byUser = new Map<number, CoOwnerInput>();
  for (const w of wanted) if (w.userId !== ticket.ownerId) byUser.set(w.userId, w);
  const list = [...byUser.values()];
  const fail = (message: string) => new AppError("INVALID", message, { fieldErrors: { coOwners: [message] } });

  const roleIds = [...new Set(list.map((w) => w.roleId).filter((r): r is number => r !== null))];
  const roles = roleIds.length ? await tx.select().from(fieldOptions).where(inArray(fieldOptions.id, roleIds)) : [];
  if (roleIds.some((id) => !roles.some((r) => r.id === id && r.kind === "ticketRole" && r.active))) throw fail("Choose a ticket role of the list");
  for (const w of list) if (!(await isEligible(w.userId))) throw fail("This person cannot own tickets in this queue");

  const before = await coOwnersOf(tx, [ticket.id]);
  const unchanged = before.length === list.length && before.every((b) => byUser.get(b.userId)?.roleId === b.roleId);
  if (unchanged) return null;

  await tx.delete(ticketOwners).where(eq(ticketOwners.ticketId, ticket.id));
  if (list.length) {
    await tx.insert(ticketOwners).values(list.map((w) => ({ ticketId: ticket.id, userId: w.userId, roleId: w.roleId })));
    await addWatchers(tx, ticket.id, list.map((w) => w.userId));
  }
  const after = await coOwnersOf(tx, [ticket.id]);
  return { field: "coOwners", from: describe(before), to: describe(after) };
}

/** Whether the user is one of the ticket's further owners. */
export async function isCoOwner(db: DbOrTx, ticketId: number, userId: number): Promise<boolean> {
  const [row] = await db.select({ userId: ticketOwners.userId }).from(ticketOwners).where(and(eq(ticketOwners.ticketId, ticketId), eq(ticketOwners.userId, userId)));
  return !!row;
}
