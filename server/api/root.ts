import { createCallerFactory, router } from "./trpc";
import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { auditRouter } from "./routers/audit";
import { contactRouter } from "./routers/contact";
import { entryRouter } from "./routers/entry";
import { mailAccountRouter } from "./routers/mailAccount";
import { mailRuleRouter } from "./routers/mailRule";
import { meRouter } from "./routers/me";
import { notificationRouter } from "./routers/notification";
import { queueRouter } from "./routers/queue";
import { fieldOptionRouter } from "./routers/fieldOption";
import { statusGroupRouter } from "./routers/statusGroup";
import { statusRouter } from "./routers/status";
import { settingsRouter } from "./routers/settings";
import { teamRouter } from "./routers/team";
import { ticketRouter } from "./routers/ticket";
import { ticketStructureRouter } from "./routers/ticketStructure";
import { userRouter } from "./routers/user";
import { hourlyRateRouter } from "./routers/hourlyRate";
import { reminderRouter } from "./routers/reminder";
import { timeEntryRouter } from "./routers/timeEntry";

export const appRouter = router({
  me: meRouter,
  ticket: ticketRouter,
  ticketStructure: ticketStructureRouter,
  contact: contactRouter,
  entry: entryRouter,
  admin: adminRouter,
  audit: auditRouter,
  mailAccount: mailAccountRouter,
  settings: settingsRouter,
  mailRule: mailRuleRouter,
  queue: queueRouter,
  status: statusRouter, statusGroup: statusGroupRouter, fieldOption: fieldOptionRouter,
  notification: notificationRouter,
  user: userRouter,
  team: teamRouter,
  auth: authRouter,
  timeEntry: timeEntryRouter,
  hourlyRate: hourlyRateRouter,
  reminder: reminderRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
