"use client";

import { useId, useRef, type RefObject } from "react";
import { LockIcon, PaperclipIcon } from "@/app/_components/icons";
import { fileSize } from "@/app/_lib/format";
import { useI18n } from "@/app/_lib/i18n";
import type { Uploads } from "@/app/_lib/useUploads";

interface Props {
  uploads: Uploads;
  inputRef?: RefObject<HTMLInputElement | null>;
  /** Offer "internal" per file (a reply to a customer); off: no choice is shown. */
  visibilityChoice?: boolean;
}

/** "Attach files" with the chosen files as removable chips; each shows its upload state. */
export function FilePicker({ uploads, inputRef, visibilityChoice = false }: Props) {
  const { t, lang } = useI18n();
  const ownInput = useRef<HTMLInputElement>(null);
  const input = inputRef ?? ownInput;
  const id = useId();
  return (
    <div className="mt-2">
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          if (e.target.files) uploads.add(Array.from(e.target.files));
          e.target.value = ""; // the same file may be chosen again after removing it
        }}
      />
      <button
        type="button"
        onClick={() => input.current?.click()}
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
      >
        <PaperclipIcon className="h-4 w-4 text-slate-500" />
        {t("files.attach")}
      </button>
      {uploads.files.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label={t("files.chosen")} aria-live="polite">
          {uploads.files.map((f) => (
            <li
              key={f.key}
              data-testid="pending-file"
              data-state={f.state}
              className={`inline-flex items-center gap-1.5 rounded-md border px-2 py-1 text-xs ${
                f.state === "error" ? "border-red-300 bg-red-50 text-red-800" : "border-slate-200 bg-white text-slate-700"
              }`}
            >
              <span className="font-medium">{f.name}</span>
              <span className="text-slate-500">{fileSize(f.size, lang)}</span>
              {f.state === "uploading" && <span className="text-slate-500">{t("files.uploading")}</span>}
              {f.state === "error" && (
                <span>{f.error === "tooLarge" ? t("files.tooLarge") : f.message ?? t("files.failed")}</span>
              )}
              {visibilityChoice && f.state !== "error" && (
                <label className="ml-1 inline-flex items-center gap-1 text-amber-900" title={t("files.internalHint")}>
                  <input
                    type="checkbox"
                    checked={!!f.internal}
                    onChange={(e) => uploads.setInternal(f.key, e.target.checked)}
                    aria-label={t("files.internalFor", { name: f.name })}
                    className="h-3.5 w-3.5 rounded border-slate-300"
                  />
                  <LockIcon className="h-3 w-3" />
                  <span aria-hidden="true">{t("files.internal")}</span>
                </label>
              )}
              <button
                type="button"
                onClick={() => uploads.remove(f.key)}
                aria-label={t("files.remove", { name: f.name })}
                className="ml-1 rounded px-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
