import { z } from "zod";
import {
  listNotifications, markAllNotificationsRead, markNotificationRead, notificationKinds, readMailPreferences,
  unreadCount, updateMailPreferences,
} from "../../domain/notifications/notifications";
import { isWatching, setWatching } from "../../domain/tickets/watchers";
import { agentProcedure, router } from "../trpc";

const id = z.number().int().positive();

export const notificationListInput = z.object({
  cursor: id.nullish(),
  limit: z.number().int().min(1).max(100).default(20),
  unreadOnly: z.boolean().default(false),
});
export const notificationMarkReadInput = z.object({ notificationId: id });
export const ticketWatchInput = z.object({ ticketId: id });
const mailed = z.boolean().optional();
/** Per kind: true = also by mail, false = in the app only; kinds left out stay as they are. */
export const mailPreferencesInput = z
  .object({ entry: mailed, assigned: mailed, mention: mailed, lock_taken_over: mailed, alarm: mailed })
  .strict() satisfies z.ZodType<Partial<Record<(typeof notificationKinds)[number], boolean>>>;

/** The signed-in user's notifications (E4) and watching (C12). Nobody sees or marks another's. */
export const notificationRouter = router({
  list: agentProcedure.input(notificationListInput).query(({ ctx, input }) => listNotifications(ctx.deps.db, ctx.actor, input)),
  unreadCount: agentProcedure.query(({ ctx }) => unreadCount(ctx.deps.db, ctx.actor)),
  markRead: agentProcedure
    .input(notificationMarkReadInput)
    .mutation(({ ctx, input }) => markNotificationRead(ctx.deps, ctx.actor, input.notificationId)),
  markAllRead: agentProcedure.mutation(({ ctx }) => markAllNotificationsRead(ctx.deps, ctx.actor)),
  isWatching: agentProcedure.input(ticketWatchInput).query(({ ctx, input }) => isWatching(ctx.deps.db, ctx.actor, input.ticketId)),
  watch: agentProcedure
    .input(ticketWatchInput)
    .mutation(({ ctx, input }) => setWatching(ctx.deps.db, ctx.actor, { ticketId: input.ticketId, watching: true })),
  unwatch: agentProcedure
    .input(ticketWatchInput)
    .mutation(({ ctx, input }) => setWatching(ctx.deps.db, ctx.actor, { ticketId: input.ticketId, watching: false })),
  /** Which kinds also come by mail; every kind is always shown in the app. */
  mailPreferences: agentProcedure.query(({ ctx }) => readMailPreferences(ctx.deps.db, ctx.actor)),
  updateMailPreferences: agentProcedure
    .input(mailPreferencesInput)
    .mutation(({ ctx, input }) => updateMailPreferences(ctx.deps.db, ctx.actor, input)),
});
