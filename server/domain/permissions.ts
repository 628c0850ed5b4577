import type { Actor } from "./actor";
import { forbidden } from "./errors";

/**
 * The one place that decides access. For now every active agent and admin may work every
 * queue; per-queue rights (issue A3) will narrow `canReadQueue` and the SQL filter here.
 */
export function isStaff(actor: Actor): actor is Extract<Actor, { kind: "user" }> {
  return actor.kind === "user" && (actor.role === "agent" || actor.role === "admin");
}

export function canReadQueue(actor: Actor, _queueId: number): boolean {
  return actor.kind === "system" || isStaff(actor);
}

export function canWriteQueue(actor: Actor, queueId: number): boolean {
  return canReadQueue(actor, queueId);
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === "user" && actor.role === "admin";
}

export function assertCanReadQueue(actor: Actor, queueId: number): void {
  if (!canReadQueue(actor, queueId)) throw forbidden();
}

export function assertCanWriteQueue(actor: Actor, queueId: number): void {
  if (!canWriteQueue(actor, queueId)) throw forbidden();
}

export function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden("Only administrators may do this");
}
