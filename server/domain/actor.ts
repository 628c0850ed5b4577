/** Who is acting: a signed-in user, or the system (worker, ingest, scheduled jobs). */
export type Actor =
  | { kind: "user"; userId: number; role: "admin" | "agent"; name: string }
  | { kind: "system" };

export const systemActor: Actor = { kind: "system" };
