"use client";

import { useEffect } from "react";

/**
 * Keyboard shortcuts (I7). Buttons that a shortcut presses carry `data-shortcut="<name>"`;
 * the handlers click them, so a shortcut does exactly what the button does, with the same
 * checks and states, and a button that is absent or disabled simply does nothing.
 */
export const SHORTCUTS = [
  { key: "j", name: "selectNext", scope: "list" },
  { key: "k", name: "selectPrevious", scope: "list" },
  // Enter needs no handler: j/k focus the row's link, which Enter follows as any link does.
  { key: "Enter", name: "openSelected", scope: "list" },
  { key: "r", name: "reply", scope: "ticket" },
  { key: "c", name: "comment", scope: "ticket" },
  { key: "a", name: "assignToMe", scope: "ticket" },
  { key: "o", name: "focusOwner", scope: "ticket" },
  { key: "j", name: "nextTicket", scope: "ticket" },
  { key: "k", name: "previousTicket", scope: "ticket" },
  { key: "?", name: "help", scope: "anywhere" },
] as const;
export const SHORTCUT_SCOPES = ["list", "ticket", "anywhere"] as const;
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
      // A key may mean one thing on the list and another on a ticket: the page's handler decides.
      const handler = SHORTCUTS.filter((s) => s.key === e.key).map((s) => handlers[s.name]).find(Boolean);
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [handlers]);
}

/** Moves the focus to the next or previous row link inside `container` (the list's j/k). */
export function focusNeighbourRow(container: HTMLElement | null, step: 1 | -1) {
  const links = [...(container?.querySelectorAll<HTMLAnchorElement>("a[data-row-link]") ?? [])];
  if (links.length === 0) return;
  const i = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next = i < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, i + step));
  links[next].focus();
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
