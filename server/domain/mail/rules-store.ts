import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { mailRules, queues, statuses } from "../../../db/schema";
import type { Actor } from "../actor";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit";
import { assertAdmin } from "../permissions";
import { normalizeActions, validateRule, type MailRule, type MailRuleDraft } from "./rules";

/** Saving the mail rules (admins only) and loading them for ingest. */

const byPosition = [asc(mailRules.position), asc(mailRules.id)] as const;

/** An INVALID error that names the field it is about (`details.field`, dotted path). */
export function invalidField(field: string, message: string): AppError {
  return new AppError("INVALID", message, { field });
}

/** The active rules in the order they run; what ingest matches every mail against. */
export function loadActiveRules(db: DbOrTx): Promise<MailRule[]> {
  return db.select().from(mailRules).where(eq(mailRules.active, true)).orderBy(...byPosition);
}

export async function listRules(db: DbOrTx, actor: Actor): Promise<MailRule[]> {
  assertAdmin(actor);
  return await db.select().from(mailRules).orderBy(...byPosition);
}

/** Checks the draft again (callers other than the API skip zod) and that queue and status fit. */
async function checkedDraft(db: DbOrTx, draft: MailRuleDraft): Promise<MailRuleDraft> {
  const [first] = validateRule(draft);
  if (first) throw invalidField(first.path, first.message);
  const actions = normalizeActions(draft.actions);
  if (actions.queueId !== undefined) {
    const [queue] = await db.select({ id: queues.id }).from(queues).where(eq(queues.id, actions.queueId));
    if (!queue) throw invalidField("actions.queueId", "This queue does not exist (any more)");
  }
  if (actions.statusId !== undefined) {
    const [status] = await db
      .select({ queueId: statuses.queueId, queueName: queues.name })
      .from(statuses)
      .innerJoin(queues, eq(queues.id, statuses.queueId))
      .where(eq(statuses.id, actions.statusId));
    if (!status) throw invalidField("actions.statusId", "This status does not exist (any more)");
    if (actions.queueId !== undefined && status.queueId !== actions.queueId) {
      throw invalidField("actions.statusId", `This status belongs to the queue “${status.queueName}”, not the one chosen`);
    }
  }
  return { name: draft.name.trim(), active: draft.active, match: draft.match, conditions: draft.conditions, actions };
}

/** What the audit log records of a rule (the position is recorded by the reorderings). */
const auditRule = (tx: DbOrTx, actor: Actor, id: number, before: MailRule | null, after: MailRule | null) => {
  const snap = (r: MailRule | null) => r && { name: r.name, active: r.active, match: r.match, conditions: r.conditions, actions: r.actions };
  return recordAudit(tx, actor, { entity: "mailRule", entityId: id, label: (after ?? before)?.name, before: snap(before), after: snap(after) });
};

async function loadRule(db: DbOrTx, id: number): Promise<MailRule> {
  const [rule] = await db.select().from(mailRules).where(eq(mailRules.id, id));
  if (!rule) throw notFound("Mail rule");
  return rule;
}

/** A new rule runs last. */
export async function createRule(db: DbOrTx, actor: Actor, draft: MailRuleDraft): Promise<MailRule> {
  assertAdmin(actor);
  const values = await checkedDraft(db, draft);
  return db.transaction(async (tx) => {
    const [rule] = await tx
      .insert(mailRules)
      .values({ ...values, position: sql`(select coalesce(max(${mailRules.position}) + 1, 0) from ${mailRules})` })
      .returning();
    await auditRule(tx, actor, rule.id, null, rule);
    return rule;
  });
}

/** Replaces name, active flag, match mode, conditions and actions; the position stays. */
export async function updateRule(db: DbOrTx, actor: Actor, id: number, draft: MailRuleDraft): Promise<MailRule> {
  assertAdmin(actor);
  const values = await checkedDraft(db, draft);
  return db.transaction(async (tx) => {
    const before = await loadRule(tx, id);
    const [rule] = await tx.update(mailRules).set(values).where(eq(mailRules.id, id)).returning();
    await auditRule(tx, actor, id, before, rule);
    return rule;
  });
}

export async function setRuleActive(db: DbOrTx, actor: Actor, id: number, active: boolean): Promise<MailRule> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const before = await loadRule(tx, id);
    const [rule] = await tx.update(mailRules).set({ active }).where(eq(mailRules.id, id)).returning();
    await auditRule(tx, actor, id, before, rule);
    return rule;
  });
}

export async function deleteRule(db: DbOrTx, actor: Actor, id: number): Promise<void> {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    const before = await loadRule(tx, id);
    await tx.delete(mailRules).where(eq(mailRules.id, id));
    await auditRule(tx, actor, id, before, null);
  });
}

/** Writes positions 0..n-1 in the given order, all rules locked so two admins cannot interleave. */
async function writeOrder(tx: DbOrTx, ids: number[]): Promise<void> {
  for (const [position, id] of ids.entries()) {
    await tx.update(mailRules).set({ position }).where(eq(mailRules.id, id));
  }
}

async function lockedOrder(tx: DbOrTx): Promise<number[]> {
  const rows = await tx.select({ id: mailRules.id }).from(mailRules).orderBy(...byPosition).for("update");
  return rows.map((r) => r.id);
}

/** Moves a rule one place earlier or later; at either end it stays. Returns the new order of ids. */
export async function moveRule(db: DbOrTx, actor: Actor, id: number, direction: "up" | "down"): Promise<number[]> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const order = await lockedOrder(tx);
    const i = order.indexOf(id);
    if (i < 0) throw notFound("Mail rule");
    const j = direction === "up" ? i - 1 : i + 1;
    const before = [...order];
    if (j >= 0 && j < order.length) [order[i], order[j]] = [order[j], order[i]];
    await writeOrder(tx, order);
    await recordAudit(tx, actor, { entity: "mailRule", entityId: null, label: "order", before: { order: before }, after: { order } });
    return order;
  });
}

/** Puts all rules in the given order; `ids` must name every rule exactly once. */
export async function reorderRules(db: DbOrTx, actor: Actor, ids: number[]): Promise<number[]> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const current = await lockedOrder(tx);
    const same = ids.length === current.length && new Set(ids).size === ids.length && ids.every((id) => current.includes(id));
    if (!same) throw new AppError("CONFLICT", "The rules have changed meanwhile; reload and try again");
    await writeOrder(tx, ids);
    await recordAudit(tx, actor, { entity: "mailRule", entityId: null, label: "order", before: { order: current }, after: { order: ids } });
    return ids;
  });
}
