"use client";

import { useEffect, useId, useRef } from "react";
import { PaperclipIcon } from "@/app/_components/icons";
import { useI18n } from "@/app/_lib/i18n";

interface Props {
  /** The word in the text that promises a file, e.g. "Anhang". */
  word: string;
  onSendAnyway: () => void;
  onAttach: () => void;
}

/**
 * "Your text mentions an attachment, but no file is attached." A modal <dialog>: focus starts
 * on "Attach a file", the likely intent; Escape goes back to the text (same as attaching).
 */
export function MissingAttachmentDialog({ word, onSendAnyway, onAttach }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const attachButton = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    attachButton.current?.focus();
    return () => dialog.close();
  }, []);

  return (
    <dialog
      ref={ref}
      data-testid="missing-attachment-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault();
        onAttach();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="space-y-3 p-5">
        <h2 id={`${id}-title`} className="flex items-center gap-2 text-base font-semibold">
          <PaperclipIcon className="h-5 w-5 text-amber-600" />
          {t("attachWarning.title")}
        </h2>
        <p id={`${id}-body`} className="text-sm text-slate-600">
          {t("attachWarning.body", { word })}
        </p>
      </div>
      <div className="flex justify-end gap-2 rounded-b-xl border-t border-slate-100 bg-slate-50 px-5 py-3">
        <button
          type="button"
          onClick={onSendAnyway}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          {t("attachWarning.sendAnyway")}
        </button>
        <button
          ref={attachButton}
          type="button"
          onClick={onAttach}
          className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700"
        >
          {t("attachWarning.attach")}
        </button>
      </div>
    </dialog>
  );
}
