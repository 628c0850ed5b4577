import { and, desc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { auditLog, users, type AuditChanges } from "../../db/schema";
import type { Actor } from "./actor";
import { assertAdmin } from "./permissions";

/**
 * The audit log (issue 6): every admin change records who changed what and when, with old
 * and new values. Domain functions call `recordAudit` inside the transaction of the change,
 * so a change and its record commit together. Fields named like secrets are recorded as
 * changed, never with their values.
 */

/** Every kind of thing the audit log records; the audit page filters by these. */
export const auditEntities = [
  "user", "queue", "mailAccount", "mailRule", "settings", "quarantine", "status", "statusGroup", "fieldOption",
  "contact", "organisation", "team", "ticket", "hourlyRate", "attemptLimit",
] as const;
export type AuditEntity = (typeof auditEntities)[number];
type Snapshot = Record<string, unknown> | null;

const secret = /password|secret|token/i;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields whose values differ between two snapshots (a create has no before, a delete no after). */
export function diffSnapshots(before: Snapshot, after: Snapshot): AuditChanges {
  const out: AuditChanges = {};
  for (const key of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const from = before?.[key];
    const to = after?.[key];
    if (same(from, to)) continue;
    out[key] = secret.test(key) ? { from: from == null ? null : "•••", to: to == null ? null : "•••" } : { from: from ?? null, to: to ?? null };
  }
  return out;
}

export async function recordAudit(
  tx: DbOrTx,
  actor: Actor,
  input: { entity: AuditEntity; entityId: number | string | null; label?: string | null; before: Snapshot; after: Snapshot },
): Promise<void> {
  const changes = diffSnapshots(input.before, input.after);
  const action = input.before === null ? "create" : input.after === null ? "delete" : "update";
  if (action === "update" && Object.keys(changes).length === 0) return; // saved without a change
  await tx.insert(auditLog).values({
    actorUserId: actor.kind === "user" ? actor.userId : null,
    entity: input.entity,
    entityId: input.entityId === null ? null : String(input.entityId),
    entityLabel: input.label ?? null,
    action,
    changes,
  });
}

export interface AuditEntry {
  id: number;
  at: Date;
  actorName: string | null;
  entity: string;
  entityId: string | null;
  entityLabel: string | null;
  action: "create" | "update" | "delete";
  changes: AuditChanges;
}

/** Newest first, by id cursor; optionally one kind of thing. Admins only. */
export async function listAudit(
  db: DbOrTx,
  actor: Actor,
  input: { cursor?: number | null; limit: number; entity?: AuditEntity },
): Promise<{ items: AuditEntry[]; nextCursor: number | null }> {
  assertAdmin(actor);
  const rows = await db
    .select({
      id: auditLog.id, at: auditLog.at, actorName: users.name, entity: auditLog.entity, entityId: auditLog.entityId,
      entityLabel: auditLog.entityLabel, action: auditLog.action, changes: auditLog.changes,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(input.cursor ? lt(auditLog.id, input.cursor) : undefined, input.entity ? eq(auditLog.entity, input.entity) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1].id : null };
}
