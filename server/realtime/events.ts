/**
 * The one typed event map for Socket.IO. The gateway, the worker's headless server and the
 * browser hook all import it; no event name is written anywhere else.
 * Events are hints: they carry ids (and, for locks, a display name), never entry bodies.
 */
export interface LockHolder {
  userId: number;
  userName: string;
  kind: "reply" | "comment" | "edit";
  since: string;
  /** The holder's editor timer (E5): colleagues tick it locally, nothing is sent every second. */
  timer: LockTimer;
}

/** Milliseconds counted before the current run, and when that run started (null: paused). */
export interface LockTimer {
  accumulatedMs: number;
  runningSince: string | null;
}

/** The holder's editor reports its timer: what it counted so far, and whether it runs. */
export interface TimerState {
  accumulatedMs: number;
  running: boolean;
}

/** Someone who has a ticket open right now (presence, E2). */
export interface Viewer {
  userId: number;
  userName: string;
}

export interface ServerToClientEvents {
  "ticket:created": (p: { ticketId: number; queueId: number }) => void;
  "ticket:changed": (p: { ticketId: number; version: number }) => void;
  "entry:created": (p: { ticketId: number; entryId: number }) => void;
  /** `takenOverFrom`: the user whose lock was just taken over (their editor closes, the draft stays). */
  "lock:changed": (p: { ticketId: number; lock: LockHolder | null; takenOverFrom?: number }) => void;
  /** Events may have been missed (rooms just joined, or the database was away): refetch what is shown. */
  "sync:required": () => void;
  /** Who has the ticket open; to the ticket's agent room and its queue's agent room only. */
  "presence:changed": (p: { ticketId: number; viewers: Viewer[] }) => void;
  /** Only to the user's own room: ids and the new unread count, never what happened. */
  "notification:new": (p: { notificationId: number; ticketId: number; unreadCount: number }) => void;
  /** Marked read in one tab: the others update their bell. */
  "notification:read": (p: { unreadCount: number }) => void;
}

export type LockAck =
  | { ok: true; lock: LockHolder }
  | { ok: false; holder?: LockHolder; error?: string; code?: "forbidden" | "not_found" | "invalid" | "failed" };
/** A heartbeat for a lock the socket does not hold answers with who holds it now (null: nobody). */
export type HeartbeatAck = { ok: true } | { ok: false; holder: LockHolder | null };

export interface ClientToServerEvents {
  "ticket:view": (p: { ticketId: number }, ack: (r: { ok: boolean }) => void) => void;
  "ticket:leave": (p: { ticketId: number }) => void;
  "lock:acquire": (p: { ticketId: number; kind: LockHolder["kind"]; timer?: TimerState }, ack: (r: LockAck) => void) => void;
  /** Takes the lock from its holder after the user confirmed; needs write rights on the ticket. */
  "lock:takeover": (p: { ticketId: number; kind: LockHolder["kind"]; timer?: TimerState }, ack: (r: LockAck) => void) => void;
  "lock:heartbeat": (p: { ticketId: number }, ack: (r: HeartbeatAck) => void) => void;
  /** Pause, play or reset of the holder's editor timer. */
  "timer:set": (p: { ticketId: number; timer: TimerState }, ack: (r: LockAck) => void) => void;
  "lock:release": (p: { ticketId: number }) => void;
}

/** Between web processes (and from the worker): whose sockets are to be re-checked. */
export interface InterServerEvents {
  /** A user's rights changed or their sessions ended: each of their sockets. */
  "access:changed": (userId: number) => void;
  /** Fewer may read the ticket now: each socket in its agents' room. */
  "ticket:access:changed": (ticketId: number) => void;
}

export interface SocketData {
  userId: number;
  role: "admin" | "agent" | "backoffice";
  name: string;
}

/** Room names, in one place: rooms are permissions (ARCHITECTURE principle 3). */
export const rooms = {
  /** Agents of the queue (manage): every ticket of it. */
  queue: (queueId: number) => `agent:queue:${queueId}`,
  /** A user with a lower right on the queue: only the tickets they created or own. */
  queueOwn: (queueId: number, userId: number) => `agent:queue:${queueId}:user:${userId}`,
  ticketAgents: (ticketId: number) => `ticket:${ticketId}:agents`,
  /** Every tab of one signed-in user (notifications). */
  user: (userId: number) => `user:${userId}`,
};
