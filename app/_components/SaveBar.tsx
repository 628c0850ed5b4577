"use client";

import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";

interface SaveState {
  isPending: boolean;
  isSuccess: boolean;
  isError: boolean;
  error: unknown;
}

/**
 * The end of a settings form: the outcome of the last save (announced politely) and the
 * save button. Texts come from `<prefix>.save`, `.saving`, `.saved` and `.error`.
 */
export function SaveBar({ save, prefix }: { save: SaveState; prefix: "settings" | "queues" | "profile" | "users" }) {
  const { t } = useI18n();
  const hasFieldErrors = Object.values(fieldErrors(save.error)).some(Boolean);
  return (
    <div className="flex flex-wrap items-center justify-end gap-3">
      <p role="status" className="text-sm">
        {save.isSuccess && <span className="text-emerald-700">{t(`${prefix}.saved`)}</span>}
        {save.isError && (
          <span className="text-red-700">
            {hasFieldErrors ? t("common.fixFields") : t(`${prefix}.error`, { message: errorMessage(save.error, t("common.error")) })}
          </span>
        )}
      </p>
      <button
        type="submit"
        disabled={save.isPending}
        className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60"
      >
        {save.isPending ? t(`${prefix}.saving`) : t(`${prefix}.save`)}
      </button>
    </div>
  );
}
