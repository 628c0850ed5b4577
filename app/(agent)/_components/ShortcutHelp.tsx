"use client";

import { useMemo, useState } from "react";
import { ModalDialog, secondaryButton } from "@/app/_components/ModalDialog";
import { useI18n } from "@/app/_lib/i18n";
import { SHORTCUT_SCOPES, SHORTCUTS, useShortcuts } from "./shortcuts";

/** "?" anywhere in the agent UI lists the shortcuts; Escape or the button closes it. */
export function ShortcutHelp() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  useShortcuts(useMemo(() => ({ help: () => setOpen((o) => !o) }), []));
  if (!open) return null;
  const close = () => setOpen(false);
  return (
    <ModalDialog
      title={t("shortcuts.title")}
      onClose={close}
      footer={
        <button type="button" onClick={close} className={secondaryButton} data-autofocus>
          {t("shortcuts.close")}
        </button>
      }
    >
      {SHORTCUT_SCOPES.map((scope) => (
        <section key={scope} aria-labelledby={`shortcuts-${scope}`}>
          <h3 id={`shortcuts-${scope}`} className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
            {t(`shortcuts.scope.${scope}`)}
          </h3>
          <dl className="space-y-1.5 text-sm">
            {SHORTCUTS.filter((s) => s.scope === scope).map((s) => (
              <div key={s.name} className="flex items-center justify-between gap-4">
                <dt className="text-slate-700">{t(`shortcuts.${s.name}`)}</dt>
                <dd>
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800">
                    {s.key === "Enter" ? t("shortcuts.enterKey") : s.key}
                  </kbd>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <p className="text-xs text-slate-500">{t("shortcuts.hint")}</p>
    </ModalDialog>
  );
}
