import { createCallerFactory, router } from "./trpc";
import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { auditRouter } from "./routers/audit";
import { entryRouter } from "./routers/entry";
import { mailAccountRouter } from "./routers/mailAccount";
import { mailRuleRouter } from "./routers/mailRule";
import { meRouter } from "./routers/me";
import { notificationRouter } from "./routers/notification";
import { queueRouter } from "./routers/queue";
import { settingsRouter } from "./routers/settings";
import { ticketRouter } from "./routers/ticket";
import { userRouter } from "./routers/user";

export const appRouter = router({
  me: meRouter,
  ticket: ticketRouter,
  entry: entryRouter,
  admin: adminRouter,
  audit: auditRouter,
  mailAccount: mailAccountRouter,
  settings: settingsRouter,
  mailRule: mailRuleRouter,
  queue: queueRouter,
  notification: notificationRouter,
  user: userRouter,
  auth: authRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
