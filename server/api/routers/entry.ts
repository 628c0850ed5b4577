import { z } from "zod";
import { addInternalComment, listEntries, listEntryTopics, replyToTicket } from "../../domain/conversation/entries";
import { previewEntryText } from "../../domain/conversation/placeholders";
import { previewReplyRecipients } from "../../domain/conversation/reply-recipients";
import { retryOutboxMail } from "../../domain/mail/outbox";
import { uploadIdsInput } from "../../domain/conversation/uploads";
import { agentProcedure, router } from "../trpc";

const id = z.number().int().positive();
export const entryWriteInput = z.object({
  ticketId: id,
  body: z.string().trim().min(1, "Write something first").max(100_000),
  uploadIds: uploadIdsInput,
  /** The newest entry id the editor had seen when it opened (collision guard). */
  seenEntryId: id.optional(),
  /** Send even though new entries arrived after `seenEntryId`. */
  force: z.boolean().optional(),
  /** Minutes spent, proposed from the editor's timer and confirmed by the writer; 0 allowed. */
  timeSpentMinutes: z.number().int("Whole minutes only").min(0, "Not below 0").max(1440, "At most 1440 minutes").optional(),
  /** Of `uploadIds`, the files only agents may see (never mailed). */
  internalUploadIds: uploadIdsInput,
  /** The text as HTML from the rich-text editor (sanitised on the server); `body` is its plain text. */
  bodyHtml: z.string().max(2_000_000, "The text is too long").nullish(),
  /** The entry solves the ticket. */
  isSolution: z.boolean().optional(),
  /** A topic (field option of kind "topic"); null or left out: none. */
  topicId: id.nullish(),
  /** "Send and set status": the status the ticket takes with this entry. */
  setStatusId: id.optional(),
});

export const entryRouter = router({
  list: agentProcedure.input(z.object({ ticketId: id })).query(({ ctx, input }) => listEntries(ctx.deps.db, ctx.actor, input.ticketId)),
  /** A message to the customer: stored and queued in the outbox in one transaction. */
  reply: agentProcedure.input(entryWriteInput).mutation(({ ctx, input }) => replyToTicket(ctx.deps, ctx.actor, input)),
  /** An internal comment: never mailed to anyone. */
  comment: agentProcedure.input(entryWriteInput).mutation(({ ctx, input }) => addInternalComment(ctx.deps, ctx.actor, input)),
  /** The text as it will be sent: placeholders filled in, empty and unknown ones named (D5). */
  preview: agentProcedure
    .input(z.object({ ticketId: id, body: z.string().max(100_000, "The text is too long") }))
    .query(({ ctx, input }) => previewEntryText(ctx.deps.db, ctx.deps.appUrl, ctx.actor, input)),
  /** Where a reply would go now: the conversation's writer and the ticket's CC. */
  recipients: agentProcedure
    .input(z.object({ ticketId: id }))
    .query(({ ctx, input }) => previewReplyRecipients(ctx.deps.db, ctx.actor, input.ticketId)),
  /** The topics an entry may have (D4). */
  topics: agentProcedure.query(({ ctx }) => listEntryTopics(ctx.deps.db, ctx.actor)),
  /** Send a failed mail again. */
  retryDelivery: agentProcedure.input(z.object({ outboxId: id })).mutation(async ({ ctx, input }) => {
    await retryOutboxMail(ctx.deps, ctx.actor, input.outboxId);
    return { ok: true };
  }),
});
