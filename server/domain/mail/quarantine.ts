import { and, eq, isNull } from "drizzle-orm";
import { inboundMails, quarantinedMails } from "../../../db/schema";
import type { Actor } from "../actor";
import type { Deps } from "../events";
import { notFound } from "../errors";
import { recordAudit } from "../audit";
import { assertAdmin } from "../permissions";
import { processStoredMail, type IngestResult } from "./ingest";

async function openItem(deps: Deps, id: number) {
  const [row] = await deps.db
    .select({ inboundId: inboundMails.id, raw: inboundMails.raw, accountId: inboundMails.accountId })
    .from(quarantinedMails)
    .innerJoin(inboundMails, eq(inboundMails.id, quarantinedMails.inboundMailId))
    .where(and(eq(quarantinedMails.id, id), isNull(quarantinedMails.resolvedAt)));
  if (!row) throw notFound("Quarantined mail");
  return row;
}

/** Runs a quarantined mail through the pipeline again (after a fix, or a passing outage). */
export async function retryQuarantinedMail(deps: Deps, actor: Actor, id: number): Promise<IngestResult> {
  assertAdmin(actor);
  const item = await openItem(deps, id);
  return processStoredMail(deps, item.inboundId, item.raw, item.accountId, { retry: true });
}

/** An admin decides a quarantined mail is not wanted; the raw source stays stored. */
export async function discardQuarantinedMail(deps: Deps, actor: Actor, id: number): Promise<void> {
  assertAdmin(actor);
  const item = await openItem(deps, id);
  await deps.db.transaction(async (tx) => {
    await tx.update(quarantinedMails).set({ resolvedAt: new Date() }).where(eq(quarantinedMails.id, id));
    await tx.update(inboundMails).set({ status: "ignored", reason: "discarded from quarantine by an admin" }).where(eq(inboundMails.id, item.inboundId));
    await recordAudit(tx, actor, { entity: "quarantine", entityId: id, label: null, before: { state: "quarantined" }, after: { state: "discarded" } });
  });
}
