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
}

export interface ServerToClientEvents {
  "ticket:created": (p: { ticketId: number; queueId: number }) => void;
  "ticket:changed": (p: { ticketId: number; version: number }) => void;
  "entry:created": (p: { ticketId: number; entryId: number }) => void;
  "lock:changed": (p: { ticketId: number; lock: LockHolder | null }) => void;
}

export type LockAck = { ok: true; lock: LockHolder } | { ok: false; holder?: LockHolder; error?: string };

export interface ClientToServerEvents {
  "ticket:view": (p: { ticketId: number }, ack: (r: { ok: boolean }) => void) => void;
  "ticket:leave": (p: { ticketId: number }) => void;
  "lock:acquire": (p: { ticketId: number; kind: LockHolder["kind"] }, ack: (r: LockAck) => void) => void;
  "lock:heartbeat": (p: { ticketId: number }) => void;
  "lock:release": (p: { ticketId: number }) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  userId: number;
  role: "admin" | "agent";
  name: string;
}

/** Room names, in one place: rooms are permissions (ARCHITECTURE principle 3). */
export const rooms = {
  queue: (queueId: number) => `agent:queue:${queueId}`,
  ticketAgents: (ticketId: number) => `ticket:${ticketId}:agents`,
};
