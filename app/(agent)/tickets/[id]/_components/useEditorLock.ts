"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { LockAck, LockHolder, TimerState } from "@/server/realtime/events";
import { useOnSocketConnect, useSocket, useSocketEvent, type AppSocket } from "@/app/_lib/socket";
import { useTRPC } from "@/app/_lib/trpc";
import { useMe } from "../../../_components/useMe";

/** The text editors (they keep drafts). */
export type EditorKind = "reply" | "comment";
/** What the lock is taken for: a text editor, or the ticket's edit form. */
export type LockKind = EditorKind | "edit";

const HEARTBEAT_MS = 10_000;
const ACK_TIMEOUT_MS = 5_000;
/** The server refuses longer timers (a day). */
const MAX_TIMER_MS = 24 * 60 * 60 * 1000;

type LockEvent = "lock:acquire" | "lock:takeover";

function request(socket: AppSocket, event: LockEvent, p: { ticketId: number; kind: LockKind; timer: TimerState }): Promise<LockAck> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit(event, p, (err, ack) => {
      resolve(err || !ack ? { ok: false, code: "failed" } : ack);
    });
  });
}

/** The local timer: what was counted before the current run, and when the run started (local clock). */
interface LocalTimer {
  accumulatedMs: number;
  startedAt: number | null;
}
const elapsedOf = (t: LocalTimer, now = Date.now()) => Math.min(MAX_TIMER_MS, t.accumulatedMs + (t.startedAt ? now - t.startedAt : 0));
const stateOf = (t: LocalTimer): TimerState => ({ accumulatedMs: Math.round(elapsedOf(t)), running: t.startedAt !== null });

/** Somebody else has the lock now: who, for which editor, and whether it happened while we were offline. */
export interface TakenOver {
  by: LockHolder;
  kind: LockKind;
  offline: boolean;
}

interface Options {
  /** Our editor was closed because someone else has the lock now: keep its text. */
  onLost?: (kind: LockKind, elapsedMs: number) => void;
}

/**
 * The editor opens only with the ticket's lock: acquire with an ack, heartbeat while open,
 * release on cancel, unmount, page hide and unload (sending releases it on the server). When
 * someone holds it, the user may take it over after confirming; when someone takes ours, the
 * editor closes and `onLost` keeps the text. The editor's timer lives here too: the server
 * keeps it on the lock row, so colleagues see it.
 */
export function useEditorLock(ticketId: number, options: Options = {}) {
  const socket = useSocket();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const [mode, setMode] = useState<LockKind | null>(null);
  const [opening, setOpening] = useState(false);
  /** Someone else held the lock and the user chose not to take over (their user id). */
  const [deniedBy, setDeniedBy] = useState<number | null>(null);
  /** Someone holds the lock: asking whether to take over. */
  const [pendingTakeover, setPendingTakeover] = useState<{ kind: LockKind; holder: LockHolder } | null>(null);
  const [takeoverError, setTakeoverError] = useState<"forbidden" | "failed" | null>(null);
  const [takenOver, setTakenOver] = useState<TakenOver | null>(null);
  const [failed, setFailed] = useState(false);
  const [timer, setTimerState] = useState<LocalTimer>({ accumulatedMs: 0, startedAt: null });
  const modeRef = useRef(mode);
  modeRef.current = mode;
  const timerRef = useRef(timer);
  timerRef.current = timer;
  const optionsRef = useRef(options);
  optionsRef.current = options;
  /** A send is on its way: the server releases the lock with it, which is no reason to take it again. */
  const sendingRef = useRef(false);

  const writeLockToCache = useCallback(
    (lock: LockHolder | null) => {
      queryClient.setQueryData(trpc.ticket.get.queryKey({ ticketId }), (t) => (t ? { ...t, lock } : t));
    },
    [queryClient, trpc, ticketId],
  );

  const startEditing = useCallback(
    (kind: LockKind, lock: LockHolder, t: LocalTimer) => {
      writeLockToCache(lock);
      setTimerState(t);
      setMode(kind);
      setTakenOver(null);
      setDeniedBy(null);
    },
    [writeLockToCache],
  );

  /** Our lock is gone to `holder`: close the editor, keep the text. */
  const lose = useCallback(
    (holder: LockHolder, offline: boolean) => {
      const kind = modeRef.current;
      if (!kind) return;
      writeLockToCache(holder);
      optionsRef.current.onLost?.(kind, elapsedOf(timerRef.current));
      setMode(null);
      setTakenOver({ by: holder, kind, offline });
    },
    [writeLockToCache],
  );

  /** Opens an editor; `startMs` is where its timer starts (a kept draft's time). */
  const open = useCallback(
    async (kind: LockKind, startMs = 0) => {
      if (!socket?.connected) {
        setFailed(true);
        return false;
      }
      setOpening(true);
      setFailed(false);
      setDeniedBy(null);
      setTakenOver(null);
      setTakeoverError(null);
      const t: LocalTimer = { accumulatedMs: startMs, startedAt: Date.now() };
      const result = await request(socket, "lock:acquire", { ticketId, kind, timer: stateOf(t) });
      setOpening(false);
      if (result.ok) {
        startEditing(kind, result.lock, t);
        return true;
      }
      if (result.holder) {
        writeLockToCache(result.holder); // the banner shows who has it
        setPendingTakeover({ kind, holder: result.holder });
      } else {
        setFailed(true);
      }
      return false;
    },
    [socket, ticketId, startEditing, writeLockToCache],
  );

  /** The user confirmed: take the lock from its holder. */
  const confirmTakeover = useCallback(
    async (startMs = 0) => {
      const pending = pendingTakeover;
      if (!pending || !socket?.connected) {
        setTakeoverError("failed");
        return false;
      }
      setOpening(true);
      const t: LocalTimer = { accumulatedMs: startMs, startedAt: Date.now() };
      const result = await request(socket, "lock:takeover", { ticketId, kind: pending.kind, timer: stateOf(t) });
      setOpening(false);
      if (result.ok) {
        setPendingTakeover(null);
        startEditing(pending.kind, result.lock, t);
        return true;
      }
      setTakeoverError(result.code === "forbidden" ? "forbidden" : "failed");
      return false;
    },
    [pendingTakeover, socket, ticketId, startEditing],
  );

  /** The user chose not to take over: the editor stays closed. */
  const cancelTakeover = useCallback(() => {
    setPendingTakeover((p) => {
      if (p) setDeniedBy(p.holder.userId);
      return null;
    });
    setTakeoverError(null);
  }, []);

  /** Nothing to take over any more (released meanwhile): the question goes away. */
  const dropTakeover = useCallback(() => {
    setPendingTakeover(null);
    setTakeoverError(null);
  }, []);

  /** Cancel: the effect below sends lock:release when the editor closes. */
  const close = useCallback(() => {
    setMode(null);
    setTakenOver(null);
  }, []);

  /** A send starts (true) or failed (false); after a successful one call `sent`. */
  const setSending = useCallback((sending: boolean) => {
    sendingRef.current = sending;
  }, []);

  /** After a successful send: the server has already released the lock. */
  const sent = useCallback(() => {
    sendingRef.current = false;
    setMode(null);
    setTakenOver(null);
  }, []);

  const dismissTakenOver = useCallback(() => setTakenOver(null), []);

  /** Takes the lock again after it was dropped (reconnect, expiry in a throttled background tab). */
  const retake = useCallback(
    async (s: AppSocket) => {
      const kind = modeRef.current;
      if (!kind || sendingRef.current) return;
      const result = await request(s, "lock:acquire", { ticketId, kind, timer: stateOf(timerRef.current) });
      if (modeRef.current !== kind) return;
      if (result.ok) writeLockToCache(result.lock);
      else if (result.holder) lose(result.holder, false);
    },
    [ticketId, writeLockToCache, lose],
  );

  // Timer controls: applied locally at once, then told to the server for colleagues.
  const applyTimer = useCallback(
    (next: LocalTimer) => {
      setTimerState(next);
      if (socket && modeRef.current) socket.emit("timer:set", { ticketId, timer: stateOf(next) }, () => {});
    },
    [socket, ticketId],
  );
  const pauseTimer = useCallback(() => {
    const t = timerRef.current;
    if (t.startedAt !== null) applyTimer({ accumulatedMs: elapsedOf(t), startedAt: null });
  }, [applyTimer]);
  const playTimer = useCallback(() => {
    const t = timerRef.current;
    if (t.startedAt === null) applyTimer({ accumulatedMs: t.accumulatedMs, startedAt: Date.now() });
  }, [applyTimer]);
  const resetTimer = useCallback(() => {
    const t = timerRef.current;
    applyTimer({ accumulatedMs: 0, startedAt: t.startedAt === null ? null : Date.now() });
  }, [applyTimer]);
  /** A restored draft brings the time counted for it. */
  const addTime = useCallback(
    (ms: number) => {
      const t = timerRef.current;
      applyTimer({ accumulatedMs: Math.min(MAX_TIMER_MS, t.accumulatedMs + ms), startedAt: t.startedAt });
    },
    [applyTimer],
  );
  const elapsedMs = useCallback(() => elapsedOf(timerRef.current), []);

  // Heartbeat while open. A heartbeat the server did not count tells who holds the lock now.
  useEffect(() => {
    if (!mode || !socket) return;
    const beat = setInterval(() => {
      socket.timeout(ACK_TIMEOUT_MS).emit("lock:heartbeat", { ticketId }, (err, ack) => {
        if (err || !ack || ack.ok || modeRef.current !== mode) return;
        if (ack.holder && ack.holder.userId !== me.userId) lose(ack.holder, false);
        else void retake(socket);
      });
    }, HEARTBEAT_MS);
    return () => clearInterval(beat);
  }, [mode, socket, ticketId, me.userId, lose, retake]);

  // Cancel, leaving the page inside the app, reloading or closing the tab gives the lock back.
  useEffect(() => {
    if (!mode || !socket) return;
    const release = () => socket.emit("lock:release", { ticketId });
    window.addEventListener("pagehide", release);
    window.addEventListener("beforeunload", release);
    return () => {
      window.removeEventListener("pagehide", release);
      window.removeEventListener("beforeunload", release);
      release(); // editor closed or component unmounted
    };
  }, [mode, socket, ticketId]);

  // Someone took our lock (takeover), or it was dropped under us (expired while throttled).
  useSocketEvent("lock:changed", ({ ticketId: id, lock }) => {
    if (id !== ticketId) return;
    if (pendingTakeover && (!lock || lock.userId === me.userId)) dropTakeover();
    if (!modeRef.current) return;
    if (lock && lock.userId !== me.userId) lose(lock, false);
    else if (!lock && socket) void retake(socket);
  });

  // The server drops a socket's locks when it disconnects: take it again after reconnecting.
  useOnSocketConnect((s) => {
    const kind = modeRef.current;
    if (!kind) return;
    void request(s, "lock:acquire", { ticketId, kind, timer: stateOf(timerRef.current) }).then((result) => {
      if (result.ok) writeLockToCache(result.lock);
      else if (result.holder) lose(result.holder, true);
    });
  });

  return {
    mode, opening, deniedBy, failed, takenOver, pendingTakeover, takeoverError,
    open, close, sent, setSending, confirmTakeover, cancelTakeover, dismissTakenOver,
    timer: { running: timer.startedAt !== null, accumulatedMs: timer.accumulatedMs, startedAt: timer.startedAt },
    elapsedMs, pauseTimer, playTimer, resetTimer, addTime,
  };
}

export type EditorLock = ReturnType<typeof useEditorLock>;
