"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import { dangerButton, secondaryButton } from "../../_components/ConfigParts";
import { useInvalidateQueues } from "./QueueForm";
import { localName, type QueueConfig } from "./types";

/**
 * Deleting a queue: an empty one after a confirmation; one with tickets only after they move
 * to another queue (each ticket keeps its state: the target's first status of the same
 * category). The server refuses with the count when the queue has tickets after all.
 */
export function QueueDelete({ queue, queues, onCancel }: { queue: QueueConfig; queues: QueueConfig[]; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateQueues();
  const others = queues.filter((q) => q.id !== queue.id);
  const [target, setTarget] = useState<string>("");
  const ref = useRef<HTMLDivElement>(null);
  // Refused (tickets arrived meanwhile): the list refetches, so the count and the move choice show.
  const remove = useMutation(trpc.queue.delete.mutationOptions({ onSuccess: () => invalidate(), onError: () => invalidate() }));
  const name = localName(queue, lang);
  const inUse = queue.ticketCount > 0;
  const targetError = fieldErrors(remove.error).moveTicketsTo;

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>("select, button")?.focus();
  }, [inUse]);

  return (
    <div ref={ref} role="group" aria-label={t("queueConfig.deleteTitle", { name })} className="space-y-3 border-t border-red-100 bg-red-50/60 p-4 text-sm" data-testid="queue-delete">
      {inUse ? (
        <>
          <p className="text-red-900">{t("queueConfig.deleteInUse", { name, count: queue.ticketCount })}</p>
          <div className="flex flex-wrap items-end gap-3">
            <label className="block">
              <span className="block text-sm font-medium text-slate-700">{t("queueConfig.moveTicketsTo")}</span>
              <select
                value={target}
                onChange={(e) => setTarget(e.target.value)}
                aria-invalid={targetError ? true : undefined}
                className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500"
              >
                <option value="">{t("queueConfig.chooseQueue")}</option>
                {others.map((q) => (
                  <option key={q.id} value={q.id} title={q.description ?? undefined}>
                    {localName(q, lang)}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className={dangerButton}
              disabled={!target || remove.isPending}
              onClick={() => remove.mutate({ id: queue.id, moveTicketsTo: Number(target) })}
            >
              {t("queueConfig.moveAndDelete")}
            </button>
            <button type="button" className={secondaryButton} onClick={onCancel}>
              {t("queueConfig.cancel")}
            </button>
          </div>
          <p className="text-xs text-slate-600">{t("queueConfig.moveHint")}</p>
        </>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-red-900">{t("queueConfig.deleteConfirm", { name })}</p>
          <button type="button" className={dangerButton} disabled={remove.isPending} onClick={() => remove.mutate({ id: queue.id })}>
            {t("queueConfig.deleteQueue")}
          </button>
          <button type="button" className={secondaryButton} onClick={onCancel}>
            {t("queueConfig.cancel")}
          </button>
        </div>
      )}
      {remove.isError && (
        <p role="alert" className="font-medium text-red-800">
          {targetError ?? errorMessage(remove.error, t("common.error"))}
        </p>
      )}
    </div>
  );
}
