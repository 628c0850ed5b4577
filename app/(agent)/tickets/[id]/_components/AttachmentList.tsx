"use client";

import { PaperclipIcon } from "@/app/_components/icons";
import { fileSize } from "@/app/_lib/format";
import { useI18n } from "@/app/_lib/i18n";
import type { Entry } from "@/app/_lib/api-types";

export function AttachmentList({ files }: { files: Entry["attachments"] }) {
  const { t, lang } = useI18n();
  if (files.length === 0) return null;
  return (
    <div className="mt-3 border-t border-slate-200/70 pt-2">
      <h4 className="sr-only">{t("entry.attachments")}</h4>
      <ul className="flex flex-wrap gap-2">
        {files.map((f) => (
          <li
            key={f.id}
            title={f.contentType}
            className="inline-flex items-center gap-1.5 rounded-md border border-slate-200 bg-white px-2 py-1 text-xs text-slate-700"
          >
            <a href={f.url} target="_blank" rel="noopener" className="inline-flex items-center gap-1.5 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500">
              <PaperclipIcon className="h-3.5 w-3.5 text-slate-400" />
              <span className="font-medium">{f.filename}</span>
              <span className="text-slate-500">{fileSize(f.size, lang)}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
