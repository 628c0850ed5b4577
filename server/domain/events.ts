import type { LockKind } from "../../db/schema";

/**
 * What happened, as the domain reports it. The realtime layer turns these into
 * small Socket.IO hints for the right rooms; no entry body ever travels here.
 */
export interface LockView {
  userId: number;
  userName: string;
  kind: LockKind;
  since: string;
}

export type DomainEvent =
  | { type: "ticket.created"; ticketId: number; queueId: number }
  | { type: "ticket.changed"; ticketId: number; queueId: number; version: number }
  | { type: "entry.created"; ticketId: number; queueId: number; entryId: number }
  | { type: "lock.changed"; ticketId: number; queueId: number; lock: LockView | null };

/** Called after the transaction that caused the events has committed. */
export type Publish = (events: DomainEvent[]) => void;

/** Background jobs, enqueued after commit (pg-boss in production). */
export interface JobQueue {
  enqueue(name: "outbox.deliver", payload: { outboxId: number }): Promise<void>;
}

/** What domain functions with side effects are given by their caller. */
export interface Deps {
  db: import("../../db/client").Db;
  publish: Publish;
  jobs: JobQueue;
  /** Sender address for outgoing mail when no mail account serves the queue (demo mode). */
  fallbackFrom: string;
}
