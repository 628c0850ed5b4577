"use client";

import { ClockIcon } from "@/app/_components/icons";
import { duration } from "@/app/_lib/format";
import { useI18n } from "@/app/_lib/i18n";
import { useNow } from "@/app/_lib/useNow";
import type { EditorLock } from "./useEditorLock";

const iconButton =
  "inline-flex h-8 w-8 items-center justify-center rounded-md border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600";

/** The editor's own timer (F1): counts while the editor is open; pause, play and reset. */
export function EditorTimer({ editor }: { editor: EditorLock }) {
  const { t } = useI18n();
  const { running } = editor.timer;
  useNow(1000, running); // re-render every second while it runs
  const elapsed = editor.elapsedMs();
  return (
    <div role="group" aria-label={t("timer.label")} className="flex items-center gap-1.5" data-testid="editor-timer">
      <ClockIcon className="h-4 w-4 text-slate-500" />
      {/* role=timer is not announced on every tick; the buttons say what they do. */}
      <span role="timer" data-testid="editor-timer-value" className="min-w-[3.5rem] font-mono text-sm tabular-nums text-slate-800">
        {duration(elapsed)}
      </span>
      {!running && <span className="text-xs text-slate-500">{t("timer.paused")}</span>}
      {running ? (
        <button type="button" onClick={editor.pauseTimer} className={iconButton} aria-label={t("timer.pause")} title={t("timer.pause")}>
          <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="h-4 w-4">
            <path d="M6 4h3v12H6zM11 4h3v12h-3z" />
          </svg>
        </button>
      ) : (
        <button type="button" onClick={editor.playTimer} className={iconButton} aria-label={t("timer.play")} title={t("timer.play")}>
          <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="h-4 w-4">
            <path d="M6 4l10 6-10 6z" />
          </svg>
        </button>
      )}
      <button type="button" onClick={editor.resetTimer} className={iconButton} aria-label={t("timer.reset")} title={t("timer.reset")}>
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true" className="h-4 w-4">
          <path strokeLinecap="round" strokeLinejoin="round" d="M4 10a6 6 0 1 0 1.8-4.3M4 4v3.5h3.5" />
        </svg>
      </button>
    </div>
  );
}

/** Minutes proposed from the timer: any started minute counts. */
export const proposedMinutes = (elapsedMs: number) => Math.ceil(elapsedMs / 60_000);

/** "Time spent: [4] min": follows the timer until the user types a value of their own. */
export function TimeSpentField({
  editor, value, onChange, error,
}: {
  editor: EditorLock;
  /** The user's own value (string, as typed), or null to follow the timer. */
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
}) {
  const { t } = useI18n();
  useNow(5000, editor.timer.running && value === null);
  const shown = value ?? String(proposedMinutes(editor.elapsedMs()));
  const inputId = "time-spent-minutes";
  return (
    <div className="flex flex-col">
      <div className="flex items-center gap-1.5 text-sm text-slate-700">
        <label htmlFor={inputId}>
          {t("timer.timeSpent")}
          <span className="sr-only"> {t("timer.inMinutes")}</span>
        </label>
        <input
          id={inputId}
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          step={1}
          value={shown}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          className={`w-16 rounded-md border bg-white px-2 py-1 text-right text-sm tabular-nums ${error ? "border-red-500" : "border-slate-300"}`}
        />
        <span aria-hidden="true">{t("timer.minutes")}</span>
        {value !== null && (
          <button type="button" onClick={() => onChange(null)} className="text-xs text-blue-700 hover:underline">
            {t("timer.useTimer")}
          </button>
        )}
      </div>
      {error && (
        <p id={`${inputId}-error`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
