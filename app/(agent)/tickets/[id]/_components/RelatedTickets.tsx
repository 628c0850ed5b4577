"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { ProgressBar } from "@/app/_components/ProgressBar";
import { errorMessage } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { localName } from "@/app/_lib/local-name";
import { useTRPC } from "@/app/_lib/trpc";
import { categoryProgress } from "@/lib/status-progress";
import { LinkTicketDialog } from "./LinkTicketDialog";
import { NewChildDialog } from "./NewChildDialog";
import { useStructureRefresh, type TicketStructure } from "./useTicketStructure";

const smallButton = "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60";

/** C6: the ticket's parent ("Open parent") and its children with their progress. */
export function RelatedTickets({ structure }: { structure: TicketStructure }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const refresh = useStructureRefresh();
  const id = useId();
  const [dialog, setDialog] = useState<"parent" | "child" | "new" | null>(null);
  const unlink = useMutation(trpc.ticketStructure.unlinkParent.mutationOptions({ onSuccess: refresh }));
  const { parent, children, childrenDone, canWrite } = structure;
  const editable = canWrite && !structure.mergedInto;

  return (
    <section aria-labelledby={`${id}-h`} data-testid="related-tickets" className="mt-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={`${id}-h`} className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {t("structure.related")}
      </h2>

      <div className="mt-2 text-sm" data-testid="parent-ticket">
        <h3 className="font-medium text-slate-700">{t("structure.parent")}</h3>
        {parent ? (
          <div className="mt-1 space-y-1">
            {parent.readable ? (
              <p className="truncate">
                <span className="font-mono text-slate-500">#{parent.number}</span> {parent.title}
              </p>
            ) : (
              <p className="text-slate-600">{t("structure.parentHidden", { number: parent.number })}</p>
            )}
            <div className="flex flex-wrap gap-2">
              {parent.readable && parent.id !== null && (
                <Link href={`/tickets/${parent.id}`} className="text-sm font-medium text-blue-700 hover:underline">
                  {t("structure.openParent")}
                </Link>
              )}
              {editable && (
                <button
                  type="button"
                  className={smallButton}
                  disabled={unlink.isPending}
                  aria-label={t("structure.unlinkLabel", { number: parent.number })}
                  onClick={() => unlink.mutate({ ticketId: structure.id })}
                >
                  {t("structure.unlink")}
                </button>
              )}
            </div>
          </div>
        ) : (
          <p className="mt-1 text-slate-500">{t("structure.noParent")}</p>
        )}
        {!parent && editable && (
          <button type="button" className={`mt-2 ${smallButton}`} onClick={() => setDialog("parent")}>
            {t("structure.setParent")}
          </button>
        )}
        {unlink.isError && (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {t("structure.error", { message: errorMessage(unlink.error, t("common.error")) })}
          </p>
        )}
      </div>

      <div className="mt-4 text-sm" data-testid="child-tickets">
        <h3 className="font-medium text-slate-700">{t("structure.children")}</h3>
        {children.length === 0 ? (
          <p className="mt-1 text-slate-500">{t("structure.noChildren")}</p>
        ) : (
          <>
            <p className="mt-1 text-xs text-slate-600" data-testid="children-progress">
              {t("structure.childrenDone", { done: childrenDone, total: children.length })}
            </p>
            <ProgressBar className="mt-1" value={(childrenDone / children.length) * 100} label={t("structure.childrenProgress")} />
            <ul className="mt-2 space-y-2">
              {children.map((c) => (
                <li key={c.id} data-testid="child-ticket" className="rounded-md border border-slate-100 p-2">
                  <Link href={`/tickets/${c.id}`} className="flex items-baseline gap-2 hover:underline">
                    <span className="font-mono text-xs text-slate-500">#{c.number}</span>
                    <span className="min-w-0 flex-1 truncate text-blue-700">{c.title}</span>
                  </Link>
                  <div className="mt-1 flex items-center gap-2">
                    <ProgressBar className="flex-1" value={categoryProgress(c.statusCategory)} label={t("structure.childProgress", { number: c.number })} />
                    <span className="shrink-0 text-xs text-slate-600">{localName({ name: c.statusName, nameDe: c.statusNameDe }, lang)}</span>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
        {editable && (
          <div className="mt-2 flex flex-wrap gap-2">
            <button type="button" className={smallButton} onClick={() => setDialog("child")}>
              {t("structure.addChild")}
            </button>
            <button type="button" className={smallButton} onClick={() => setDialog("new")}>
              {t("structure.newChild")}
            </button>
          </div>
        )}
      </div>

      {(dialog === "parent" || dialog === "child") && (
        <LinkTicketDialog ticket={structure} as={dialog} onClose={() => setDialog(null)} />
      )}
      {dialog === "new" && <NewChildDialog parent={structure} onClose={() => setDialog(null)} />}
    </section>
  );
}
