"use client";

import { useI18n, type MessageKey, type Translate } from "@/app/_lib/i18n";
import { placeholderNames, type PlaceholderName } from "@/lib/placeholders";

/** "Insert placeholder": a native select, so keyboard and screen readers work as usual. */
export function PlaceholderMenu({ onInsert }: { onInsert: (token: string) => void }) {
  const { t } = useI18n();
  return (
    <select
      aria-label={t("placeholder.insert")}
      value=""
      onChange={(e) => {
        if (e.target.value) onInsert(`{{${e.target.value}}}`);
      }}
      className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-700"
    >
      <option value="">{t("placeholder.insert")}</option>
      {placeholderNames.map((name) => (
        <option key={name} value={name}>
          {placeholderLabel(t, name)}
        </option>
      ))}
    </select>
  );
}

export const placeholderLabel = (t: Translate, name: PlaceholderName) => t(`placeholder.${name}` as MessageKey);
