"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useI18n } from "@/app/_lib/i18n";
import { SHORTCUTS, useShortcuts } from "./shortcuts";

/** "?" anywhere in the agent UI lists the shortcuts; Escape or the button closes it. */
export function ShortcutHelp() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const close = useRef<HTMLButtonElement>(null);
  useShortcuts(useMemo(() => ({ help: () => setOpen((o) => !o) }), []));
  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      previous?.focus();
    };
  }, [open]);
  if (!open) return null;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" onClick={() => setOpen(false)}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-help-title"
        className="w-full max-w-sm rounded-xl bg-white p-5 shadow-xl"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="shortcut-help-title" className="text-base font-semibold text-slate-900">{t("shortcuts.title")}</h2>
        <dl className="mt-3 space-y-1.5 text-sm">
          {SHORTCUTS.map((s) => (
            <div key={s.name} className="flex items-center justify-between gap-4">
              <dt className="text-slate-700">{t(`shortcuts.${s.name}`)}</dt>
              <dd>
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800">{s.key}</kbd>
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-slate-500">{t("shortcuts.hint")}</p>
        <div className="mt-4 flex justify-end">
          <button
            ref={close}
            type="button"
            onClick={() => setOpen(false)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            {t("shortcuts.close")}
          </button>
        </div>
      </div>
    </div>
  );
}
