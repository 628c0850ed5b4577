"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

interface Props {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer: ReactNode;
  testId?: string;
}

/**
 * A modal <dialog>: the browser keeps focus inside, Escape calls `onClose`, and the first
 * field (or the element marked `data-autofocus`) gets focus.
 */
export function ModalDialog({ title, onClose, children, footer, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>("input, textarea, [data-autofocus]")?.focus();
    return () => dialog.close();
  }, []);

  return (
    <dialog
      ref={ref}
      data-testid={testId}
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault(); // the parent decides when it closes
        onClose();
      }}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="space-y-3 p-5">
        <h2 id={`${id}-title`} className="flex items-center gap-2 text-base font-semibold">
          {title}
        </h2>
        {children}
      </div>
      <div className="flex justify-end gap-2 rounded-b-xl border-t border-slate-100 bg-slate-50 px-5 py-3">{footer}</div>
    </dialog>
  );
}

export const secondaryButton =
  "rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60";
export const primaryButton = "rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60";
export const dangerButton = "rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-red-700 disabled:opacity-60";
