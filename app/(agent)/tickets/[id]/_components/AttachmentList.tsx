"use client";

import { LockIcon, PaperclipIcon } from "@/app/_components/icons";
import { dateTime, fileSize } from "@/app/_lib/format";
import { useI18n } from "@/app/_lib/i18n";
import type { Entry } from "@/app/_lib/api-types";

/** The types our attachment route serves inline; others download. */
const imageTypes = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/**
 * An entry's files with who uploaded them and when (D7). Images show a thumbnail that opens
 * the full picture in a new tab (the attachment route serves them inline); internal files
 * carry a lock badge.
 */
export function AttachmentList({ files }: { files: Entry["attachments"] }) {
  const { t, lang } = useI18n();
  if (files.length === 0) return null;
  return (
    <div className="mt-3 border-t border-slate-200/70 pt-2">
      <h4 className="sr-only">{t("entry.attachments")}</h4>
      <ul className="flex flex-wrap gap-2">
        {files.map((f) => {
          const image = imageTypes.has(f.contentType);
          return (
            <li
              key={f.id}
              data-testid="attachment"
              data-visibility={f.visibility}
              title={f.contentType}
              className={`inline-flex items-center gap-2 rounded-md border px-2 py-1 text-xs text-slate-700 ${
                f.visibility === "internal" ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"
              }`}
            >
              <a
                href={f.url}
                target="_blank"
                rel="noopener"
                aria-label={image ? t("files.openImage", { name: f.filename }) : undefined}
                className="inline-flex items-center gap-1.5 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500"
              >
                {image ? (
                  <img src={f.url} alt="" loading="lazy" className="h-10 w-10 rounded object-cover ring-1 ring-slate-200" />
                ) : (
                  <PaperclipIcon className="h-3.5 w-3.5 text-slate-400" />
                )}
                <span className="font-medium">{f.filename}</span>
                <span className="text-slate-500">{fileSize(f.size, lang)}</span>
              </a>
              {f.visibility === "internal" && (
                <span className="inline-flex items-center gap-0.5 rounded bg-amber-200 px-1 font-semibold text-amber-950">
                  <LockIcon className="h-3 w-3" />
                  {t("files.visibility.internal")}
                </span>
              )}
              {f.uploadedByName && (
                <span className="text-slate-500">{t("files.uploadedBy", { name: f.uploadedByName, date: dateTime(new Date(f.createdAt), lang) })}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
