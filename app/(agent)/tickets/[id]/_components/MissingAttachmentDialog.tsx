"use client";

import { PaperclipIcon } from "@/app/_components/icons";
import { ModalDialog, primaryButton, secondaryButton } from "@/app/_components/ModalDialog";
import { useI18n } from "@/app/_lib/i18n";

interface Props {
  /** The word in the text that promises a file, e.g. "Anhang". */
  word: string;
  onSendAnyway: () => void;
  /** Closes the dialog; the text keeps its focus and content. */
  onBack: () => void;
  onAttach: () => void;
}

/**
 * "Your text mentions an attachment, but no file is attached." Focus starts on "Attach a
 * file", the likely intent; "Back to editing" and Escape return to the text unchanged.
 */
export function MissingAttachmentDialog({ word, onSendAnyway, onBack, onAttach }: Props) {
  const { t } = useI18n();
  return (
    <ModalDialog
      testId="missing-attachment-dialog"
      onClose={onBack}
      title={
        <>
          <PaperclipIcon className="h-5 w-5 text-amber-600" />
          {t("attachWarning.title")}
        </>
      }
      footer={
        <>
          <button type="button" onClick={onBack} className={secondaryButton}>
            {t("attachWarning.back")}
          </button>
          <button type="button" onClick={onSendAnyway} className={secondaryButton}>
            {t("attachWarning.sendAnyway")}
          </button>
          <button type="button" onClick={onAttach} className={primaryButton} data-autofocus>
            {t("attachWarning.attach")}
          </button>
        </>
      }
    >
      <p className="text-sm text-slate-600">{t("attachWarning.body", { word })}</p>
    </ModalDialog>
  );
}
