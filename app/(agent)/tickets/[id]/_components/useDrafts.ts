"use client";

import { useCallback, useEffect, useState } from "react";
import type { EditorKind } from "./useEditorLock";

/** What is kept of an unsent text: the text and the time the timer had counted. */
export interface Draft {
  text: string;
  elapsedMs: number;
  savedAt: number;
}

const kinds: EditorKind[] = ["reply", "comment"];
const storageKey = (userId: number, ticketId: number, kind: EditorKind) => `helpdesk:draft:${userId}:${ticketId}:${kind}`;

function readStored(key: string): Draft | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<Draft>;
    if (typeof d.text !== "string" || !d.text.trim()) return null;
    return { text: d.text, elapsedMs: Math.max(0, Number(d.elapsedMs) || 0), savedAt: Number(d.savedAt) || Date.now() };
  } catch {
    return null;
  }
}

function writeStored(key: string, draft: Draft | null): void {
  try {
    if (draft && draft.text.trim()) localStorage.setItem(key, JSON.stringify(draft));
    else localStorage.removeItem(key);
  } catch {
    // storage full or disabled: the text stays in memory for this page
  }
}

/**
 * Unsent texts per ticket and editor, kept in memory and in localStorage (per user), so a
 * reload, a closed tab or a colleague's takeover never loses them. Text that was put away
 * (takeover, reload) is offered back when the editor opens again, not pushed into it.
 */
export function useDrafts(ticketId: number, userId: number) {
  const [text, setTextState] = useState<Record<EditorKind, string>>({ reply: "", comment: "" });
  const [elapsed, setElapsed] = useState<Record<EditorKind, number>>({ reply: 0, comment: 0 });
  /** Which editors have a stored draft that is not in memory (read after mount: no storage on the server). */
  const [stashed, setStashed] = useState<Record<EditorKind, boolean>>({ reply: false, comment: false });
  const key = useCallback((kind: EditorKind) => storageKey(userId, ticketId, kind), [userId, ticketId]);

  useEffect(() => {
    setStashed({ reply: !!readStored(key("reply")), comment: !!readStored(key("comment")) });
  }, [key]);

  /** Typing: memory and storage follow every change. */
  const setText = useCallback(
    (kind: EditorKind, value: string, elapsedMs: number) => {
      setTextState((d) => ({ ...d, [kind]: value }));
      setElapsed((e) => ({ ...e, [kind]: elapsedMs }));
      writeStored(key(kind), { text: value, elapsedMs, savedAt: Date.now() });
      setStashed((s) => ({ ...s, [kind]: false }));
    },
    [key],
  );

  /** Cancel: the text stays in the editor for next time; the timer's count is kept with it. */
  const keep = useCallback(
    (kind: EditorKind, elapsedMs: number) => {
      setElapsed((e) => ({ ...e, [kind]: elapsedMs }));
      const stored = readStored(key(kind));
      if (stored) writeStored(key(kind), { ...stored, elapsedMs });
    },
    [key],
  );

  /** Takeover or lost lock: the text leaves the editor but stays stored, to be offered back. */
  const stash = useCallback(
    (kind: EditorKind, elapsedMs: number) => {
      const stored = readStored(key(kind));
      if (stored) writeStored(key(kind), { ...stored, elapsedMs });
      setTextState((d) => ({ ...d, [kind]: "" }));
      setElapsed((e) => ({ ...e, [kind]: 0 }));
      setStashed((s) => ({ ...s, [kind]: !!stored }));
    },
    [key],
  );

  /** The stored draft to offer when the editor opens empty, if any. */
  const stored = useCallback((kind: EditorKind) => readStored(key(kind)), [key]);

  /** Sent or discarded: gone from memory and storage. */
  const clear = useCallback(
    (kind: EditorKind) => {
      setTextState((d) => ({ ...d, [kind]: "" }));
      setElapsed((e) => ({ ...e, [kind]: 0 }));
      writeStored(key(kind), null);
      setStashed((s) => ({ ...s, [kind]: false }));
    },
    [key],
  );

  const has = (kind: EditorKind) => !!text[kind] || stashed[kind];
  return { text, elapsed, setText, keep, stash, stored, clear, has, kinds };
}

export type Drafts = ReturnType<typeof useDrafts>;
