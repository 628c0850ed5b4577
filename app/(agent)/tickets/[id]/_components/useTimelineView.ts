"use client";

import { useCallback, useEffect, useState } from "react";
import type { Entry } from "@/app/_lib/api-types";

export type EntryKind = Entry["kind"];
export const entryKinds: EntryKind[] = ["customer_mail", "agent_message", "internal_comment", "system_event"];

export interface TimelineView {
  order: "oldest" | "newest";
  /** Kinds the user chose not to see. */
  hidden: EntryKind[];
}
const defaultView: TimelineView = { order: "oldest", hidden: [] };

function parse(raw: string | null): TimelineView {
  try {
    const v = JSON.parse(raw ?? "") as Partial<TimelineView>;
    return {
      order: v.order === "newest" ? "newest" : "oldest",
      hidden: Array.isArray(v.hidden) ? v.hidden.filter((k): k is EntryKind => entryKinds.includes(k as EntryKind)) : [],
    };
  } catch {
    return defaultView;
  }
}

/**
 * The timeline's order and kind filter (D8), kept per user in this browser. Read after the
 * first render, so the server's HTML and the browser's first render agree.
 */
export function useTimelineView(userId: number) {
  const key = `helpdesk:timeline-view:${userId}`;
  const [view, setView] = useState<TimelineView>(defaultView);
  useEffect(() => {
    setView(parse(window.localStorage.getItem(key)));
  }, [key]);
  const update = useCallback(
    (next: TimelineView) => {
      setView(next);
      try {
        window.localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the choice lasts for this page only.
      }
    },
    [key],
  );
  return [view, update] as const;
}

/** The entries to show, in the chosen order (the server sends them oldest first); `always` ignore the filter. */
export function applyTimelineView(entries: Entry[], view: TimelineView, always: number[] = []): Entry[] {
  const shown = entries.filter((e) => !view.hidden.includes(e.kind) || always.includes(e.id));
  return view.order === "newest" ? [...shown].reverse() : shown;
}
