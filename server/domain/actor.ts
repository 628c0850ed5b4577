import type { QueueAccessLevel, StaffRight } from "../../db/schema";

export type StaffRole = "admin" | "agent" | "backoffice";

/**
 * A signed-in staff user with the rights they had when the request (or socket) began:
 * their level on each queue they may use (A3) and their ticket rights (A2; all of them for
 * admins and agents). Built by `loadUserActor` in permissions/; a socket's copy is rebuilt
 * when the user's rights change.
 */
export interface UserActor {
  kind: "user";
  userId: number;
  role: StaffRole;
  name: string;
  /** Queue id → level. Admins are not listed here: they manage every queue. */
  queues: Record<number, QueueAccessLevel>;
  rights: readonly StaffRight[];
}

/** Who is acting: a signed-in user, or the system (worker, ingest, scheduled jobs). */
export type Actor = UserActor | { kind: "system" };

export const systemActor: Actor = { kind: "system" };
