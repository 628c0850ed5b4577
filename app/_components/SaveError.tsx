"use client";

import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";

/**
 * Why a save failed, as an alert: "please correct the marked fields" when the fields show the
 * reasons beside themselves, else the server's message. Nothing while `error` is null.
 */
export function SaveError({ error, fields }: { error: unknown; fields: Record<string, string | undefined> }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-red-700">
      {Object.values(fields).some(Boolean) ? t("common.fixFields") : errorMessage(error, t("common.error"))}
    </p>
  );
}
