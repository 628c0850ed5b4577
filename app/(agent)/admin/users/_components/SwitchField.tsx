"use client";

import { Switch } from "@/app/_components/Switch";

/** A titled on/off switch with its hint and a field error from the server beside it. */
export function SwitchField({
  id, title, label, hint, error, checked, onChange, onText, offText,
}: {
  id: string;
  title: string;
  /** The switch's accessible name, naming whose setting it is. */
  label: string;
  hint: string;
  error?: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  onText: string;
  offText: string;
}) {
  return (
    <div data-invalid={error ? "true" : undefined}>
      <div className="flex items-center justify-between gap-3">
        <span className="text-sm font-medium text-slate-700" aria-hidden="true">
          {title}
        </span>
        <Switch checked={checked} onChange={onChange} label={label} onText={onText} offText={offText} />
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
