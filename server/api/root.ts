import { createCallerFactory, router } from "./trpc";
import { adminRouter } from "./routers/admin";
import { entryRouter } from "./routers/entry";
import { meRouter } from "./routers/me";
import { ticketRouter } from "./routers/ticket";

export const appRouter = router({
  me: meRouter,
  ticket: ticketRouter,
  entry: entryRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
