"use client";

import type { ReactNode } from "react";

/** From this share of a limit on, the counter shows how much is left. */
const COUNTER_FROM = 0.8;

/**
 * A labelled field with its hint and error wired to the control. With `limit` (the field's
 * maximum length, lib/field-limits) and `length` the control gets `maxLength` and a counter
 * appears near the limit, so a text stops where the server would refuse it.
 */
export function Field({
  id, label, hint, error, children, className, limit, length = 0,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  className?: string;
  limit?: number;
  length?: number;
  children: (a11y: { id: string; "aria-invalid"?: true; "aria-describedby"?: string; maxLength?: number }) => ReactNode;
}) {
  const counter = limit !== undefined && length >= limit * COUNTER_FROM;
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null, counter ? `${id}-counter` : null].filter(Boolean).join(" ");
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": described || undefined, maxLength: limit })}
      {counter && (
        <p id={`${id}-counter`} className="mt-1 text-right text-xs tabular-nums text-slate-500" data-testid="length-counter">
          {length} / {limit}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
