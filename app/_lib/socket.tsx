"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/server/realtime/events";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One socket per tab, shared by every component. Created in the browser only. */
let shared: AppSocket | null = null;

function getSocket(): AppSocket {
  shared ??= io({ transports: ["websocket"], withCredentials: true, autoConnect: false });
  return shared;
}

/** Closes the tab's socket (sign-out). */
export function closeSocket(): void {
  shared?.disconnect();
  shared = null;
}

interface SocketState {
  socket: AppSocket | null;
  connected: boolean;
  /** True once the first connection was lost or could not be made for a while. */
  reconnecting: boolean;
}

const SocketContext = createContext<SocketState>({ socket: null, connected: false, reconnecting: false });

/**
 * Connects the shared socket while mounted. Events are hints: whenever the server says
 * events may have been missed (`sync:required`: after every (re)connect once the rooms are
 * joined, and after a database outage) every query is invalidated and refetched.
 */
export function SocketProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [socket, setSocket] = useState<AppSocket | null>(null);
  const [connected, setConnected] = useState(false);
  const [reconnecting, setReconnecting] = useState(false);

  useEffect(() => {
    const s = getSocket();
    setSocket(s);
    let everConnected = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // The first connection gets a grace period before the indicator shows.
    const grace = setTimeout(() => setReconnecting(!s.connected), 3000);

    // No refetch here: the server sends `sync:required` once this socket's rooms are joined,
    // so nothing between the last fetch and the join is missed.
    const onConnect = () => {
      setConnected(true);
      setReconnecting(false);
      everConnected = true;
    };
    const onDisconnect = (reason: string) => {
      setConnected(false);
      if (everConnected && reason !== "io client disconnect") setReconnecting(true);
      // The server dropped this socket (session ended, account disabled): the refetch finds out, and the sign-in check shows.
      if (reason === "io server disconnect") void queryClient.invalidateQueries();
    };
    const onConnectError = () => {
      setConnected(false);
      if (everConnected) setReconnecting(true);
      // A handshake the server refused (e.g. expired session) is not retried by the client itself.
      if (!s.active) {
        clearTimeout(retry);
        retry = setTimeout(() => {
          void queryClient.invalidateQueries(); // an expired session shows up as UNAUTHORIZED here
          s.connect();
        }, 5000);
      }
    };

    // The server lost events while its database was away: refetch what is shown.
    const onSyncRequired = () => void queryClient.invalidateQueries();
    s.on("connect", onConnect);
    s.on("sync:required", onSyncRequired);
    s.on("disconnect", onDisconnect);
    s.on("connect_error", onConnectError);
    s.connect();
    return () => {
      clearTimeout(grace);
      clearTimeout(retry);
      s.off("connect", onConnect);
      s.off("sync:required", onSyncRequired);
      s.off("disconnect", onDisconnect);
      s.off("connect_error", onConnectError);
      closeSocket();
      setSocket(null);
    };
  }, [queryClient]);

  return <SocketContext.Provider value={{ socket, connected, reconnecting }}>{children}</SocketContext.Provider>;
}

export function useSocket(): AppSocket | null {
  return useContext(SocketContext).socket;
}

export function useSocketStatus(): { connected: boolean; reconnecting: boolean } {
  const { connected, reconnecting } = useContext(SocketContext);
  return { connected, reconnecting };
}

type EventName = keyof ServerToClientEvents;

/** A ref that always holds the latest value, so effects need not re-subscribe when it changes. */
function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}
type Listener = (...args: unknown[]) => void;

/** Subscribes to a server event for the component's lifetime; the handler may change freely. */
export function useSocketEvent<E extends EventName>(event: E, handler: ServerToClientEvents[E]): void {
  const socket = useSocket();
  const ref = useLatest(handler);
  useEffect(() => {
    if (!socket) return;
    const listener: Listener = (...args) => (ref.current as unknown as Listener)(...args);
    socket.on(event, listener as never);
    return () => {
      socket.off(event, listener as never);
    };
  }, [socket, event]);
}

/** Runs on every (re)connect, e.g. to re-join rooms and re-take locks the server dropped. */
export function useOnSocketConnect(handler: (socket: AppSocket) => void): void {
  const socket = useSocket();
  const ref = useLatest(handler);
  useEffect(() => {
    if (!socket) return;
    const listener = () => ref.current(socket);
    if (socket.connected) listener();
    socket.on("connect", listener);
    return () => {
      socket.off("connect", listener);
    };
  }, [socket]);
}
