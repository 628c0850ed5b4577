"use client";

import type { ReactNode } from "react";

/** One titled group of the settings page. */
export function SettingsSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      <div className="space-y-5">{children}</div>
    </fieldset>
  );
}

/** A yes/no setting with its explanation below. */
export function CheckSetting({ id, label, hint, checked, onChange }: { id: string; label: string; hint: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <div>
      <label className="flex items-start gap-3">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={`${id}-hint`}
          className="mt-0.5 h-4 w-4 rounded border-slate-300"
        />
        <span className="text-sm font-medium text-slate-800">{label}</span>
      </label>
      <p id={`${id}-hint`} className="ml-7 mt-1 text-sm text-slate-600">
        {hint}
      </p>
    </div>
  );
}

export const settingInput =
  "mt-1 block w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500";
