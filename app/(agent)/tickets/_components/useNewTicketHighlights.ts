"use client";

import { useEffect, useRef, useState } from "react";
import { useSocketEvent } from "@/app/_lib/socket";

const HIGHLIGHT_MS = 10_000;

/** Ids of tickets created since the page was opened, each for a few seconds. */
export function useNewTicketHighlights(): ReadonlySet<number> {
  const [ids, setIds] = useState<ReadonlySet<number>>(() => new Set());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useSocketEvent("ticket:created", ({ ticketId }) => {
    setIds((prev) => new Set(prev).add(ticketId));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setIds((prev) => {
        const next = new Set(prev);
        next.delete(ticketId);
        return next;
      });
    }, HIGHLIGHT_MS);
    timers.current.add(timer);
  });

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  return ids;
}
