"use client";

import { useEffect, useId, useRef } from "react";
import { Avatar } from "@/app/_components/Avatar";
import { useI18n } from "@/app/_lib/i18n";
import type { LockHolder } from "@/server/realtime/events";
import { lockMessageKey } from "../../_components/LockBadge";

interface Props {
  holder: LockHolder;
  pending: boolean;
  error: "forbidden" | "failed" | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * "Ada is replying. Take over?" A modal <dialog>: the browser traps focus inside, Escape
 * cancels, and focus returns to the button that opened it. Focus starts on Cancel, the safe choice.
 */
export function TakeoverDialog({ holder, pending, error, onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    cancelButton.current?.focus();
    return () => dialog.close();
  }, []);

  return (
    <dialog
      ref={ref}
      data-testid="takeover-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault(); // the parent decides when it closes
        onCancel();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="space-y-3 p-5">
        <div className="flex items-center gap-3">
          <Avatar name={holder.userName} size="md" />
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {t(lockMessageKey[holder.kind], { name: holder.userName })}. {t("lock.takeoverQuestion")}
          </h2>
        </div>
        <p id={`${id}-body`} className="text-sm text-slate-600">
          {t("lock.takeoverBody", { name: holder.userName })}
        </p>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {t(error === "forbidden" ? "lock.takeoverForbidden" : "lock.takeoverFailed")}
          </p>
        )}
      </div>
      <div className="flex justify-end gap-2 rounded-b-xl border-t border-slate-100 bg-slate-50 px-5 py-3">
        <button
          ref={cancelButton}
          type="button"
          onClick={onCancel}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          {t("lock.takeoverCancel")}
        </button>
        <button
          type="button"
          onClick={onConfirm}
          disabled={pending || error === "forbidden"}
          className="rounded-md bg-amber-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-amber-700 disabled:opacity-60"
        >
          {t("lock.takeoverConfirm")}
        </button>
      </div>
    </dialog>
  );
}
