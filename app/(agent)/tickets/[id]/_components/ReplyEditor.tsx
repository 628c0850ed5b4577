"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { FilePicker } from "@/app/_components/FilePicker";
import { LockIcon } from "@/app/_components/icons";
import type { Uploads } from "@/app/_lib/useUploads";
import { useI18n } from "@/app/_lib/i18n";
import { PlaceholderMenu } from "./PlaceholderMenu";
import { PlaceholderPreview } from "./PlaceholderPreview";
import { RichTextEditor, type RichTextHandle } from "./RichTextEditor";
import { htmlText } from "@/app/_lib/html-text";
import type { EditorKind } from "./useEditorLock";

interface Props {
  ticketId: number;
  kind: EditorKind;
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
  pending: boolean;
  uploads: Uploads;
  fieldError?: string;
  formError?: string;
  recipients: { to: string[]; cc: string[] } | null;
  /** Above the text, e.g. "Restore your draft". */
  top?: ReactNode;
  /** Below the text: the collision question ("Send anyway?"). */
  collision?: ReactNode;
  /** Beside the buttons: the timer and the minutes spent. */
  timer?: ReactNode;
  /** A question before sending, e.g. the missing-attachment warning. */
  dialog?: ReactNode;
  /** The file input, so a caller can open the file chooser ("Attach a file"). */
  fileInput?: RefObject<HTMLInputElement | null>;
  /** Below the files: solution and topic. */
  options?: ReactNode;
  /** Beside the send button: "and set status …". */
  sendStatus?: ReactNode;
}

/** The reply or internal-comment form. Escape cancels; the text is kept by the caller. */
export function ReplyEditor(props: Props) {
  const { ticketId, kind, value, onChange, onSubmit, onCancel, pending, uploads, fieldError, formError, recipients, top, collision, timer, dialog, fileInput, options, sendStatus } = props;
  const [showPreview, setShowPreview] = useState(false);
  const blocked = pending || uploads.busy || uploads.failed;
  const { t } = useI18n();
  const id = useId();
  const isReply = kind === "reply";
  const text = useRef<RichTextHandle>(null);

  // A rejected text sends the focus back to it, next to the error.
  useEffect(() => {
    if (fieldError) text.current?.focus();
  }, [fieldError]);

  /** Puts a placeholder where the cursor is, and the cursor after it. */
  function insertAtCursor(token: string) {
    text.current?.insertText(token);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!blocked) onSubmit();
  }
  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "Escape") {
      e.preventDefault();
      onCancel();
    } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (!blocked) onSubmit();
    }
  }

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <form noValidate
      onSubmit={submit}
      onKeyDown={onKeyDown}
      data-testid={isReply ? "reply-editor" : "comment-editor"}
      className={`rounded-xl border p-4 shadow-sm ${isReply ? "border-blue-200 bg-white" : "border-amber-300 bg-amber-50"}`}
    >
      {/* The editable area is named by this label (aria-labelledby); a click on it focuses the text. */}
      <label id={`${id}-label`} onClick={() => text.current?.focus()} className="flex items-center gap-2 text-sm font-semibold text-slate-800">
        {!isReply && <LockIcon className="h-4 w-4 text-amber-700" />}
        {isReply ? t("editor.replyLabel") : t("editor.commentLabel")}
      </label>
      <p id={hintId} className={`mt-1 text-xs ${isReply ? "text-slate-500" : "text-amber-800"}`}>
        {isReply ? recipientHint(t, recipients) : t("editor.commentHint")}{" "}
        {t("editor.escHint")}
      </p>
      {top}
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <PlaceholderMenu onInsert={insertAtCursor} />
        <button
          type="button"
          onClick={() => setShowPreview((v) => !v)}
          aria-expanded={showPreview}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
        >
          {showPreview ? t("preview.hide") : t("preview.show")}
        </button>
      </div>
      <RichTextEditor
        id={`${id}-body`}
        labelId={`${id}-label`}
        describedBy={fieldError ? `${errorId} ${hintId}` : hintId}
        invalid={!!fieldError}
        value={value}
        onChange={onChange}
        onPasteImages={(files) => uploads.add(files, { inline: true })}
        onDropFiles={(files) => uploads.add(files)}
        handle={text}
        tone={isReply ? "reply" : "comment"}
      />
      <p className="mt-1 text-xs text-slate-500">{t("rich.dropHint")}</p>
      {fieldError && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {fieldError}
        </p>
      )}
      {showPreview && <PlaceholderPreview ticketId={ticketId} body={htmlText(value)} />}
      <FilePicker uploads={uploads} inputRef={fileInput} visibilityChoice={isReply} />
      {options}
      {(uploads.busy || uploads.failed) && (
        <p className="mt-1 text-xs text-slate-600">{t("files.waitOrRemove")}</p>
      )}
      {formError && (
        <p role="alert" className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      )}
      {collision}
      {dialog}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <button
          type="submit"
          disabled={blocked}
          className={`rounded-md px-4 py-2 text-sm font-medium text-white shadow-sm disabled:opacity-60 ${
            isReply ? "bg-blue-600 hover:bg-blue-700" : "bg-amber-600 hover:bg-amber-700"
          }`}
        >
          {pending ? t("editor.sending") : isReply ? t("editor.sendReply") : t("editor.addComment")}
        </button>
        {isReply && sendStatus}
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          {t("editor.cancel")}
        </button>
        {timer && <div className="ml-auto flex flex-wrap items-center gap-x-4 gap-y-2">{timer}</div>}
      </div>
    </form>
  );
}

function recipientHint(t: ReturnType<typeof useI18n>["t"], r: { to: string[]; cc: string[] } | null): string | null {
  if (!r) return null;
  const to = r.to.join(", ");
  return r.cc.length ? t("editor.replyHintCc", { to, cc: r.cc.join(", ") }) : t("editor.replyHint", { to });
}
