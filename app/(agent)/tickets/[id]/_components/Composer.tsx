"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { LockIcon } from "@/app/_components/icons";
import { errorMessage, fieldErrors } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import type { TicketDetail } from "@/app/_lib/api-types";
import { useUploads } from "@/app/_lib/useUploads";
import { ReplyEditor } from "./ReplyEditor";
import type { useEditorLock, EditorKind } from "./useEditorLock";

type EditorLock = ReturnType<typeof useEditorLock>;

/**
 * "Reply" and "Internal comment": each opens its editor only after taking the lock.
 * Drafts survive Cancel/Escape until they are sent.
 */
export function Composer({ ticket, editor }: { ticket: TicketDetail; editor: EditorLock }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Record<EditorKind, string>>({ reply: "", comment: "" });
  const files = { reply: useUploads(), comment: useUploads() };
  const replyButton = useRef<HTMLButtonElement>(null);
  const commentButton = useRef<HTMLButtonElement>(null);
  const lastOpened = useRef<EditorKind | null>(null);

  const onSent = () => {
    void queryClient.invalidateQueries(trpc.entry.list.queryFilter({ ticketId: ticket.id }));
    void queryClient.invalidateQueries(trpc.ticket.get.queryFilter({ ticketId: ticket.id }));
    void queryClient.invalidateQueries(trpc.ticket.list.queryFilter());
  };
  const reply = useMutation(trpc.entry.reply.mutationOptions({ onSuccess: onSent }));
  const comment = useMutation(trpc.entry.comment.mutationOptions({ onSuccess: onSent }));
  const { mode } = editor;
  const mutation = mode === "comment" ? comment : reply;

  // Focus goes back to the button that opened the editor once it closes.
  useEffect(() => {
    if (mode) lastOpened.current = mode;
    else if (lastOpened.current) {
      (lastOpened.current === "reply" ? replyButton : commentButton).current?.focus();
      lastOpened.current = null;
    }
  }, [mode]);

  async function openEditor(kind: EditorKind) {
    (kind === "reply" ? reply : comment).reset();
    await editor.open(kind);
  }

  function submit() {
    if (!mode) return;
    const kind = mode;
    if (files[kind].busy || files[kind].failed) return;
    mutation.mutate(
      { ticketId: ticket.id, body: drafts[kind], uploadIds: files[kind].ids },
      {
        onSuccess: () => {
          setDrafts((d) => ({ ...d, [kind]: "" }));
          files[kind].clear();
          editor.sent();
        },
      },
    );
  }

  if (mode) {
    const errors = fieldErrors(mutation.error);
    return (
      <ReplyEditor
        kind={mode}
        value={drafts[mode]}
        onChange={(v) => setDrafts((d) => ({ ...d, [mode]: v }))}
        onSubmit={submit}
        onCancel={editor.close}
        pending={mutation.isPending}
        uploads={files[mode]}
        fieldError={errors.body}
        formError={mutation.isError && !errors.body ? errorMessage(mutation.error, t("common.error")) : undefined}
        warning={editor.lostTo ? t("lock.lostHint", { name: editor.lostTo.userName }) : undefined}
        recipient={ticket.contactEmail}
      />
    );
  }

  const button = "inline-flex items-center gap-2 rounded-md px-4 py-2 text-sm font-medium shadow-sm disabled:opacity-60";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <button
          ref={replyButton}
          type="button"
          onClick={() => openEditor("reply")}
          disabled={editor.opening}
          className={`${button} bg-blue-600 text-white hover:bg-blue-700`}
        >
          {t("ticket.reply")}
          {(drafts.reply || files.reply.files.length > 0) && <span className="h-1.5 w-1.5 rounded-full bg-white" aria-hidden="true" />}
        </button>
        <button
          ref={commentButton}
          type="button"
          onClick={() => openEditor("comment")}
          disabled={editor.opening}
          className={`${button} border border-amber-300 bg-amber-50 text-amber-900 hover:bg-amber-100`}
        >
          <LockIcon className="h-4 w-4" />
          {t("ticket.comment")}
          {(drafts.comment || files.comment.files.length > 0) && <span className="h-1.5 w-1.5 rounded-full bg-amber-600" aria-hidden="true" />}
        </button>
      </div>
      {editor.failed && (
        <p role="alert" className="text-sm text-red-700">
          {t("lock.failed")}
        </p>
      )}
    </div>
  );
}
