"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { LockIcon } from "@/app/_components/icons";
import { dateTime } from "@/app/_lib/format";
import { errorMessage, fieldErrors, newEntryIds } from "@/app/_lib/errors";
import { useI18n } from "@/app/_lib/i18n";
import { useTRPC } from "@/app/_lib/trpc";
import type { TicketDetail } from "@/app/_lib/api-types";
import { useUploads } from "@/app/_lib/useUploads";
import { attachmentMention } from "@/lib/missing-attachment";
import { htmlText } from "@/app/_lib/html-text";
import { EditorTimer, TimeSpentField, proposedMinutes } from "./EditorTimer";
import { EntryOptions, noEntryOptions, type EntryOptionValues } from "./EntryOptions";
import { MissingAttachmentDialog } from "./MissingAttachmentDialog";
import { ReplyEditor } from "./ReplyEditor";
import { SendStatusSelect } from "./SendStatusSelect";
import { TakeoverDialog } from "./TakeoverDialog";
import type { Draft, Drafts } from "./useDrafts";
import type { EditorKind, EditorLock } from "./useEditorLock";

interface Props {
  ticket: TicketDetail;
  editor: EditorLock;
  drafts: Drafts;
  /** The newest entry shown when an editor opens: sent along so the server can spot collisions. */
  latestEntryId: number | undefined;
  /** Entries that arrived while writing (empty: none any more), for the timeline to highlight. */
  onNewEntries: (ids: number[]) => void;
}

/**
 * "Reply" and "Internal comment": each opens its editor only after taking the lock (or taking
 * it over, after asking). Drafts survive Cancel, reload and takeover; the timer runs while the
 * editor is open and proposes the minutes; a message that arrived meanwhile is shown before sending.
 */
export function Composer({ ticket, editor, drafts, latestEntryId, onNewEntries }: Props) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const files = { reply: useUploads(), comment: useUploads() };
  const replyButton = useRef<HTMLButtonElement>(null);
  const commentButton = useRef<HTMLButtonElement>(null);
  const lastOpened = useRef<EditorKind | null>(null);
  /** A stored draft offered back when the editor opened empty. */
  const [offer, setOffer] = useState<Draft | null>(null);
  const [seenEntryId, setSeenEntryId] = useState<number | undefined>(undefined);
  /** Entries that arrived while writing: the send waits for "Send anyway". */
  const [collision, setCollision] = useState<number[] | null>(null);
  /** The minutes as typed by the user; null follows the timer. */
  const [minutes, setMinutes] = useState<string | null>(null);
  /** "Send and set status …": the status chosen beside the send button, or null to keep it. */
  const [sendStatus, setSendStatus] = useState<number | null>(null);
  /** The word that promised a file none was attached for: the send waits for the user's answer. */
  const [missingFile, setMissingFile] = useState<string | null>(null);
  /** Solution mark and topic of the entry being written. */
  const [options, setOptions] = useState<EntryOptionValues>(noEntryOptions);
  const fileInput = useRef<HTMLInputElement>(null);
  const profile = useQuery(trpc.me.profile.queryOptions());
  const warnMissingFiles = profile.data?.missingAttachmentWarning ?? true;

  const onSent = () => {
    void queryClient.invalidateQueries(trpc.entry.list.queryFilter({ ticketId: ticket.id }));
    void queryClient.invalidateQueries(trpc.ticket.get.queryFilter({ ticketId: ticket.id }));
    void queryClient.invalidateQueries(trpc.ticket.list.queryFilter());
  };
  const reply = useMutation(trpc.entry.reply.mutationOptions({ onSuccess: onSent }));
  const comment = useMutation(trpc.entry.comment.mutationOptions({ onSuccess: onSent }));
  // The edit form (TicketDetails) shares the lock; while it is open the text editors stay shut.
  const mode = editor.mode === "edit" ? null : editor.mode;
  // Where a reply goes follows the conversation (the last writer), not the contact record.
  const recipients = useQuery({ ...trpc.entry.recipients.queryOptions({ ticketId: ticket.id }), enabled: mode === "reply", staleTime: 0 });
  const mutation = mode === "comment" ? comment : reply;

  // Focus goes back to the button that opened the editor once it closes.
  useEffect(() => {
    if (mode) lastOpened.current = mode;
    else if (lastOpened.current) {
      (lastOpened.current === "reply" ? replyButton : commentButton).current?.focus();
      lastOpened.current = null;
    }
  }, [mode]);

  /** The editor is open: remember what was seen, offer a stored draft if the editor is empty. */
  function opened(kind: EditorKind) {
    setSeenEntryId(latestEntryId);
    setCollision(null);
    setMinutes(null);
    setMissingFile(null);
    setOptions(noEntryOptions);
    setOffer(drafts.text[kind] ? null : drafts.stored(kind));
  }

  async function openEditor(kind: EditorKind) {
    (kind === "reply" ? reply : comment).reset();
    if (await editor.open(kind, drafts.text[kind] ? drafts.elapsed[kind] : 0)) opened(kind);
  }

  async function confirmTakeover() {
    const kind = editor.pendingTakeover?.kind;
    if (!kind || kind === "edit") return;
    (kind === "reply" ? reply : comment).reset();
    if (await editor.confirmTakeover(drafts.text[kind] ? drafts.elapsed[kind] : 0)) opened(kind);
  }

  function cancel() {
    if (mode) drafts.keep(mode, editor.elapsedMs());
    setOffer(null);
    setCollision(null);
    onNewEntries([]);
    editor.close();
  }

  function restoreDraft() {
    if (!mode || !offer) return;
    const current = drafts.text[mode];
    drafts.setText(mode, current.trim() ? `${offer.text}\n\n${current}` : offer.text, editor.elapsedMs() + offer.elapsedMs);
    editor.addTime(offer.elapsedMs);
    setOffer(null);
  }

  function discardDraft() {
    if (!mode) return;
    drafts.setText(mode, drafts.text[mode], editor.elapsedMs()); // storage now holds what is in the editor
    setOffer(null);
  }

  function submit(force = false, fileCheckDone = false) {
    if (!mode) return;
    const kind = mode;
    if (files[kind].busy || files[kind].failed) return;
    if (!fileCheckDone && warnMissingFiles && files[kind].files.length === 0) {
      const word = attachmentMention(htmlText(drafts.text[kind]));
      if (word) return setMissingFile(word);
    }
    setMissingFile(null);
    const typed = minutes?.trim();
    const timeSpentMinutes = minutes === null ? proposedMinutes(editor.elapsedMs()) : typed === "" ? undefined : Number(typed);
    editor.setSending(true);
    mutation.mutate(
      {
        ticketId: ticket.id, body: htmlText(drafts.text[kind]), bodyHtml: files[kind].withInlineIds(drafts.text[kind]), uploadIds: files[kind].ids, internalUploadIds: files[kind].internalIds,
        seenEntryId, force, timeSpentMinutes, isSolution: options.isSolution, topicId: options.topicId,
        setStatusId: kind === "reply" && sendStatus !== null ? sendStatus : undefined,
      },
      {
        onSuccess: () => {
          setSendStatus(null);
          drafts.clear(kind);
          files[kind].clear();
          setCollision(null);
          setOffer(null);
          onNewEntries([]);
          editor.sent();
        },
        onError: (err) => {
          editor.setSending(false);
          const ids = newEntryIds(err);
          if (ids) {
            setCollision(ids);
            onNewEntries(ids);
            void queryClient.invalidateQueries(trpc.entry.list.queryFilter({ ticketId: ticket.id }));
          }
        },
      },
    );
  }

  function keepEditing() {
    if (collision) setSeenEntryId(Math.max(...collision)); // seen now: the next send goes through
    setCollision(null);
  }

  const takenOver = editor.takenOver;
  // Always rendered, so screen readers hear "… took over" the moment it appears.
  const notice = (
    <div aria-live="assertive" aria-atomic="true">
      {takenOver && takenOver.kind !== "edit" && !mode && (
        <div
          data-testid="took-over"
          className="mb-3 flex flex-wrap items-start gap-x-3 gap-y-1 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
        >
          <div className="min-w-0 flex-1">
            <p className="font-semibold">
              {t(takenOver.offline ? "lock.lostHint" : "lock.tookOver", { name: takenOver.by.userName })}
            </p>
            <p className="mt-0.5 text-amber-900">{t("lock.tookOverHint")}</p>
          </div>
          <button
            type="button"
            onClick={editor.dismissTakenOver}
            className="rounded-md border border-amber-300 bg-white px-3 py-1 text-xs font-medium text-amber-900 hover:bg-amber-100"
          >
            {t("lock.dismiss")}
          </button>
        </div>
      )}
    </div>
  );

  if (mode) {
    const errors = fieldErrors(mutation.error);
    const isCollision = !!newEntryIds(mutation.error);
    const formError =
      mutation.isError && !isCollision && !errors.body && !errors.timeSpentMinutes ? errorMessage(mutation.error, t("common.error")) : undefined;
    return (
      <div>
        {notice}
        <ReplyEditor
          ticketId={ticket.id}
          kind={mode}
          options={<EntryOptions value={options} onChange={setOptions} />}
          sendStatus={<SendStatusSelect ticket={ticket} value={sendStatus} onChange={setSendStatus} />}
          value={drafts.text[mode]}
          onChange={(v) => {
            // "Write something first" goes as soon as there is something.
            if (errors.body && htmlText(v).trim()) mutation.reset();
            drafts.setText(mode, v, editor.elapsedMs());
          }}
          onSubmit={() => submit(false)}
          fileInput={fileInput}
          onCancel={cancel}
          pending={mutation.isPending}
          uploads={files[mode]}
          fieldError={errors.body}
          formError={formError}
          recipients={recipients.data ?? null}
          top={
            offer && (
              <div
                data-testid="draft-offer"
                className="mt-2 flex flex-wrap items-center gap-2 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-950"
              >
                <span className="flex-1">{t("draft.offer", { time: dateTime(new Date(offer.savedAt), lang) })}</span>
                <button
                  type="button"
                  onClick={restoreDraft}
                  className="rounded-md bg-blue-600 px-3 py-1 text-xs font-medium text-white hover:bg-blue-700"
                >
                  {t("draft.restore")}
                </button>
                <button
                  type="button"
                  onClick={discardDraft}
                  className="rounded-md border border-blue-200 bg-white px-3 py-1 text-xs font-medium text-blue-900 hover:bg-blue-100"
                >
                  {t("draft.discard")}
                </button>
              </div>
            )
          }
          collision={
            collision && (
              <CollisionPrompt count={collision.length} pending={mutation.isPending} onSend={() => submit(true, true)} onKeepEditing={keepEditing} />
            )
          }
          dialog={
            missingFile && (
              <MissingAttachmentDialog
                word={missingFile}
                onSendAnyway={() => submit(false, true)}
                onBack={() => setMissingFile(null)}
                onAttach={() => {
                  setMissingFile(null);
                  fileInput.current?.click();
                }}
              />
            )
          }
          timer={
            mode === "reply" || mode === "comment" ? (
              <>
                <EditorTimer editor={editor} />
                <TimeSpentField editor={editor} value={minutes} onChange={setMinutes} error={errors.timeSpentMinutes} />
              </>
            ) : null
          }
        />
      </div>
    );
  }

  const button = "inline-flex items-center gap-2 rounded-md px-4 py-2 text-sm font-medium shadow-sm disabled:opacity-60";
  const pending = editor.pendingTakeover?.kind === "edit" ? null : editor.pendingTakeover;
  // C2/C5: an internal or confidential ticket writes nothing to the customer.
  const noMessages = ticket.kind === "internal" || ticket.confidential;
  return (
    <div className="space-y-2">
      {notice}
      <div className="flex flex-wrap items-center gap-2">
        {noMessages ? (
          <p data-testid="no-messages" className="text-sm text-slate-600">
            {t(ticket.kind === "internal" ? "composer.internalNoMessages" : "composer.confidentialNoMessages")}
          </p>
        ) : (
        <button
          ref={replyButton}
          type="button"
          data-shortcut="reply"
          aria-keyshortcuts="r"
          onClick={() => openEditor("reply")}
          disabled={editor.opening || editor.mode === "edit"}
          className={`${button} bg-blue-600 text-white hover:bg-blue-700`}
        >
          {t("ticket.reply")}
          {(drafts.has("reply") || files.reply.files.length > 0) && (
            <span className="h-1.5 w-1.5 rounded-full bg-white" aria-hidden="true" title={t("draft.exists")} />
          )}
        </button>
        )}
        <button
          ref={commentButton}
          type="button"
          data-shortcut="comment"
          aria-keyshortcuts="c"
          onClick={() => openEditor("comment")}
          disabled={editor.opening || editor.mode === "edit"}
          className={`${button} border border-amber-300 bg-amber-50 text-amber-900 hover:bg-amber-100`}
        >
          <LockIcon className="h-4 w-4" />
          {t("ticket.comment")}
          {(drafts.has("comment") || files.comment.files.length > 0) && (
            <span className="h-1.5 w-1.5 rounded-full bg-amber-600" aria-hidden="true" title={t("draft.exists")} />
          )}
        </button>
      </div>
      {editor.failed && (
        <p role="alert" className="text-sm text-red-700">
          {t("lock.failed")}
        </p>
      )}
      {pending && (
        <TakeoverDialog
          holder={pending.holder}
          pending={editor.opening}
          error={editor.takeoverError}
          onConfirm={confirmTakeover}
          onCancel={editor.cancelTakeover}
        />
      )}
    </div>
  );
}

/** "A new message arrived while you were writing. Send anyway?" inside the editor. */
function CollisionPrompt({ count, pending, onSend, onKeepEditing }: { count: number; pending: boolean; onSend: () => void; onKeepEditing: () => void }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
  }, []);
  return (
    <div
      ref={box}
      tabIndex={-1}
      role="alert"
      data-testid="collision"
      className="mt-3 rounded-md border border-rose-300 bg-rose-50 px-3 py-3 text-sm text-rose-950 outline-none focus-visible:ring-2 focus-visible:ring-rose-500"
    >
      <p className="font-semibold">{t("collision.prompt")}</p>
      <p className="mt-0.5 text-rose-900">{t(count === 1 ? "collision.hintOne" : "collision.hint", { count })}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          onClick={onSend}
          disabled={pending}
          className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-700 disabled:opacity-60"
        >
          {t("collision.sendAnyway")}
        </button>
        <button
          type="button"
          onClick={onKeepEditing}
          className="rounded-md border border-rose-300 bg-white px-3 py-1.5 text-sm font-medium text-rose-900 hover:bg-rose-100"
        >
          {t("collision.keepEditing")}
        </button>
      </div>
    </div>
  );
}
