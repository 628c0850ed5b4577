"use client";

import type { ReactNode } from "react";

/**
 * Small pieces the configuration pages (queues, statuses, lists) share: the up/down buttons,
 * a colour swatch, a badge, and the class names of their buttons and inputs.
 */

export const smallButton =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40";
export const dangerButton =
  "rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-red-700 disabled:opacity-60";
export const primaryButton =
  "rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60";
export const secondaryButton =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60";
export const textInput =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm disabled:bg-slate-50 aria-[invalid=true]:border-red-500";

/** A table cell whose controls and text line up in the middle. */
export const cell = "border-b border-slate-100 px-3 py-2 align-middle";

/** ↑ and ↓ with names that say what moves where ("Move Billing up"). */
export function MoveButtons({
  upLabel, downLabel, first, last, disabled, onMove,
}: {
  upLabel: string;
  downLabel: string;
  first: boolean;
  last: boolean;
  disabled?: boolean;
  onMove: (direction: "up" | "down") => void;
}) {
  return (
    <span className="inline-flex gap-1">
      <button type="button" className={smallButton} disabled={disabled || first} onClick={() => onMove("up")} aria-label={upLabel} title={upLabel}>
        ↑
      </button>
      <button type="button" className={smallButton} disabled={disabled || last} onClick={() => onMove("down")} aria-label={downLabel} title={downLabel}>
        ↓
      </button>
    </span>
  );
}

/** A round swatch of a #rrggbb colour (nothing when there is none). */
export function Swatch({ colour, className = "" }: { colour: string | null | undefined; className?: string }) {
  if (!colour) return null;
  return (
    <span
      aria-hidden="true"
      className={`inline-block h-3 w-3 shrink-0 rounded-full ring-1 ring-black/10 ${className}`}
      style={{ backgroundColor: colour }}
    />
  );
}

export function Badge({ children, tone = "slate", title }: { children: ReactNode; tone?: "slate" | "amber" | "emerald" | "blue"; title?: string }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700",
    amber: "bg-amber-50 text-amber-800",
    emerald: "bg-emerald-50 text-emerald-800",
    blue: "bg-blue-50 text-blue-800",
  };
  return (
    <span title={title} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs ${tones[tone]}`}>
      {children}
    </span>
  );
}
