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
  /** The holder's editor timer; colleagues tick it locally from these two values. */
  timer: LockTimer;
}

/** Milliseconds counted before the current run, and when that run started (null: paused). */
export interface LockTimer {
  accumulatedMs: number;
  runningSince: string | null;
}

/** Someone who has the ticket open right now (E2). */
export interface Viewer {
  userId: number;
  userName: string;
}

/** Creator and owner of the ticket: users who see it through a lower right than manage (A3) get its hints too. */
type Involved = { involved?: number[] };

export type DomainEvent =
  | ({ type: "ticket.created"; ticketId: number; queueId: number } & Involved)
  | ({ type: "ticket.changed"; ticketId: number; queueId: number; version: number } & Involved)
  | ({ type: "entry.created"; ticketId: number; queueId: number; entryId: number } & Involved)
  | ({ type: "lock.changed"; ticketId: number; queueId: number; lock: LockView | null; takenOverFrom?: number } & Involved)
  | ({ type: "presence.changed"; ticketId: number; queueId: number; viewers: Viewer[] } & Involved)
  /** For one user's tabs only: ids and counts, never what the notification is about. */
  | { type: "notification.created"; userId: number; notificationId: number; ticketId: number; unreadCount: number }
  | { type: "notification.read"; userId: number; unreadCount: number }
  /** The user's rights changed, the account was disabled or their sessions ended: their live sockets are re-checked. */
  | { type: "access.changed"; userId: number }
  /**
   * The ticket's queue, owners, confidentiality or existence changed, so fewer may read it
   * than before: the sockets in its room are re-checked, on every web process.
   */
  | { type: "ticket.access.changed"; ticketId: number };

/** The users `involved` in a ticket, for its events. */
export const involvedIn = (t: { createdById: number | null; ownerId: number | null }): number[] =>
  [...new Set([t.createdById, t.ownerId].filter((u): u is number => u !== null))];

/** Called after the transaction that caused the events has committed. */
export type Publish = (events: DomainEvent[]) => void;

/** Each background job's payload. */
export interface JobPayloads {
  "outbox.deliver": { outboxId: number };
  /** A reminder (C11) due at `startAfter`; firing it twice is harmless (it fires once). */
  "reminder.fire": { reminderId: number };
  /** A reset request (A1, issue 11.8): the worker decides whether the address gets a mail. */
  "password-reset.request": { email: string };
}

/** Background jobs, enqueued after commit (pg-boss in production); `startAfter` delays one. */
export interface JobQueue {
  enqueue<N extends keyof JobPayloads>(name: N, payload: JobPayloads[N], opts?: { startAfter?: Date }): Promise<void>;
}

/** What domain functions with side effects are given by their caller. */
export interface Deps {
  db: import("../../db/client").Db;
  publish: Publish;
  jobs: JobQueue;
  /** Sender address for outgoing mail when no mail account serves the queue (demo mode). */
  fallbackFrom: string;
  /** Where links in notification mails point (APP_URL); a local default when not given. */
  appUrl?: string;
}
