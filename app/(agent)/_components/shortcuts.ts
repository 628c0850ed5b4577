"use client";

import { useEffect } from "react";

/**
 * Keyboard shortcuts (I7). Buttons that a shortcut presses carry `data-shortcut="<name>"`;
 * the handlers click them, so a shortcut does exactly what the button does, with the same
 * checks and states, and a button that is absent or disabled simply does nothing.
 */
export const SHORTCUTS = [
  { key: "r", name: "reply" },
  { key: "c", name: "comment" },
  { key: "a", name: "assignToMe" },
  { key: "o", name: "focusOwner" },
  { key: "j", name: "nextTicket" },
  { key: "k", name: "previousTicket" },
  { key: "?", name: "help" },
] as const;
export type ShortcutName = (typeof SHORTCUTS)[number]["name"];

/** Typing in a field, or a key held with Ctrl/Alt/Meta, is never a shortcut. */
function isTyping(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return true;
  if (!el) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

/** Calls `handlers[name]` for each shortcut key pressed outside a text field or dialog. */
export function useShortcuts(handlers: Partial<Record<ShortcutName, () => void>>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e) || e.defaultPrevented) return;
      if (document.querySelector("dialog[open], [role=dialog][aria-modal=true]") && e.key !== "?") return;
      const hit = SHORTCUTS.find((s) => s.key === e.key);
      const handler = hit && handlers[hit.name];
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [handlers]);
}

/** Presses the enabled button marked `data-shortcut=name`; false when there is none. */
export function pressShortcutButton(name: string): boolean {
  const button = document.querySelector<HTMLButtonElement>(`[data-shortcut="${name}"]:not([disabled])`);
  button?.click();
  return !!button;
}

/** The ticket list's order, kept when the list is shown so j/k on a ticket page walk it. */
const LIST_KEY = "helpdesk.ticketOrder";

export function rememberTicketOrder(ids: number[]) {
  try {
    sessionStorage.setItem(LIST_KEY, JSON.stringify(ids));
  } catch {
    // storage may be disabled: j/k then do nothing
  }
}

export function neighbourTicket(currentId: number, step: 1 | -1): number | null {
  try {
    const ids = JSON.parse(sessionStorage.getItem(LIST_KEY) ?? "[]") as number[];
    const i = ids.indexOf(currentId);
    return i >= 0 ? (ids[i + step] ?? null) : null;
  } catch {
    return null;
  }
}
