"use client";

import { useI18n } from "@/app/_lib/i18n";
import { rightGroups, type StaffRight } from "./types";

/** A back-office user's rights as checkboxes, one group per thing they are about. */
export function RightsFieldset({
  id, rights, onChange, error,
}: {
  id: string;
  rights: StaffRight[];
  onChange: (rights: StaffRight[]) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const toggle = (right: StaffRight, on: boolean) =>
    onChange(on ? [...rights.filter((r) => r !== right), right] : rights.filter((r) => r !== right));
  return (
    <fieldset
      aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ")}
      data-invalid={error ? "true" : undefined}
      data-testid="user-rights"
    >
      <legend className="text-sm font-medium text-slate-700">{t("users.rights")}</legend>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {t("users.rightsHint")}
      </p>
      <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {rightGroups.map(({ group, actions }) => (
          <fieldset key={group} className="rounded-lg border border-slate-200 px-3 pb-2 pt-1">
            <legend className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{t(`users.rights.${group}`)}</legend>
            <div className="flex flex-col gap-1 py-1">
              {actions.map((action) => {
                const right = `${group}.${action}` as StaffRight;
                return (
                  <label key={right} className="inline-flex items-center gap-1.5 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      checked={rights.includes(right)}
                      onChange={(e) => toggle(right, e.target.checked)}
                      className="h-4 w-4 rounded border-slate-300"
                    />
                    {t(`users.rights.${action}`)}
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
