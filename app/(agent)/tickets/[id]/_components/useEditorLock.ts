"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { LockHolder } from "@/server/realtime/events";
import { useOnSocketConnect, useSocket, type AppSocket } from "@/app/_lib/socket";
import { useTRPC } from "@/app/_lib/trpc";

export type EditorKind = "reply" | "comment";

const HEARTBEAT_MS = 10_000;
const ACK_TIMEOUT_MS = 5_000;

type AcquireResult = { ok: true; lock: LockHolder } | { ok: false; holder?: LockHolder };

function acquire(socket: AppSocket, ticketId: number, kind: EditorKind): Promise<AcquireResult> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit("lock:acquire", { ticketId, kind }, (err, ack) => {
      if (err || !ack) resolve({ ok: false });
      else if (ack.ok) resolve({ ok: true, lock: ack.lock });
      else resolve({ ok: false, holder: ack.holder });
    });
  });
}

/**
 * The editor opens only with the ticket's lock: acquire with an ack, heartbeat while open,
 * release on cancel, unmount and page hide. Sending releases it on the server.
 */
export function useEditorLock(ticketId: number) {
  const socket = useSocket();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<EditorKind | null>(null);
  const [opening, setOpening] = useState(false);
  /** Someone else held the lock when we asked (their user id). */
  const [deniedBy, setDeniedBy] = useState<number | null>(null);
  /** The lock went to someone else while we were offline. */
  const [lostTo, setLostTo] = useState<LockHolder | null>(null);
  const [failed, setFailed] = useState(false);
  const modeRef = useRef(mode);
  modeRef.current = mode;

  const writeLockToCache = useCallback(
    (lock: LockHolder) => {
      queryClient.setQueryData(trpc.ticket.get.queryKey({ ticketId }), (t) => (t ? { ...t, lock } : t));
    },
    [queryClient, trpc, ticketId],
  );

  const open = useCallback(
    async (kind: EditorKind) => {
      if (!socket?.connected) {
        setFailed(true);
        return false;
      }
      setOpening(true);
      setFailed(false);
      setDeniedBy(null);
      setLostTo(null);
      const result = await acquire(socket, ticketId, kind);
      setOpening(false);
      if (result.ok) {
        writeLockToCache(result.lock);
        setMode(kind);
        return true;
      }
      if (result.holder) {
        writeLockToCache(result.holder); // the banner shows who has it
        setDeniedBy(result.holder.userId);
      } else {
        setFailed(true);
      }
      return false;
    },
    [socket, ticketId, writeLockToCache],
  );

  /** Cancel: the effect below sends lock:release when the editor closes. */
  const close = useCallback(() => {
    setMode(null);
    setLostTo(null);
  }, []);

  /** After a successful send: the server has already released the lock. */
  const sent = useCallback(() => {
    setMode(null);
    setLostTo(null);
  }, []);

  // Heartbeat while open.
  useEffect(() => {
    if (!mode || !socket) return;
    const timer = setInterval(() => socket.emit("lock:heartbeat", { ticketId }), HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [mode, socket, ticketId]);

  // Cancel, leaving the page inside the app, or closing the tab gives the lock back.
  useEffect(() => {
    if (!mode || !socket) return;
    const onPageHide = () => socket.emit("lock:release", { ticketId });
    window.addEventListener("pagehide", onPageHide);
    return () => {
      window.removeEventListener("pagehide", onPageHide);
      socket.emit("lock:release", { ticketId }); // editor closed or component unmounted
    };
  }, [mode, socket, ticketId]);

  // The server drops a socket's locks when it disconnects: take it again after reconnecting.
  useOnSocketConnect((s) => {
    const kind = modeRef.current;
    if (!kind) return;
    void acquire(s, ticketId, kind).then((result) => {
      if (result.ok) {
        writeLockToCache(result.lock);
        setLostTo(null);
      } else if (result.holder) {
        writeLockToCache(result.holder);
        setLostTo(result.holder);
      }
    });
  });

  return { mode, opening, deniedBy, lostTo, failed, open, close, sent };
}
