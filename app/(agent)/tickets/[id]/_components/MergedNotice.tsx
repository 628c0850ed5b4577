"use client";

import Link from "next/link";
import { useI18n } from "@/app/_lib/i18n";

/** C7: a merged ticket is a pointer; its page links to where its entries now are, instead of the editor. */
export function MergedNotice({ mergedInto }: { mergedInto: { id: number | null; number: number } }) {
  const { t } = useI18n();
  return (
    <div role="status" data-testid="merged-notice" className="rounded-xl border border-slate-300 bg-slate-50 p-4 text-sm text-slate-800">
      {mergedInto.id !== null ? (
        <p>
          {t("structure.mergedNotice", { number: mergedInto.number })}{" "}
          <Link href={`/tickets/${mergedInto.id}`} className="font-medium text-blue-700 hover:underline">
            {t("structure.openMerged", { number: mergedInto.number })}
          </Link>
        </p>
      ) : (
        <p>{t("structure.mergedNoticeHidden", { number: mergedInto.number })}</p>
      )}
    </div>
  );
}
