/**
 * The web process of bench/realtime.ts: server/main.ts's realtime half, wired the same way
 * (same Socket.IO options, attachPostgresAdapter, createSocketPublisher, attachGateway with the
 * next-auth cookie check, the database-recovery watch, the process-wide database handle and
 * pg-boss), without Next and tRPC. Keep it in step with server/main.ts.
 * Bench-only; run as its own process with the web process's environment (DATABASE_URL,
 * APP_SECRET, PORT, HOST, APP_URL): node --import tsx bench/realtime-web.lib.ts
 */
import { createServer } from "node:http";
import { Server } from "socket.io";
import { env } from "../server/env";
import { appDb } from "../server/db-instance";
import type { Deps } from "../server/domain/events";
import { bossJobQueue, startBoss } from "../server/jobs/queue";
import { attachPostgresAdapter } from "../server/realtime/adapter";
import { watchDatabaseRecovery } from "../server/realtime/db-recovery";
import { attachGateway } from "../server/realtime/gateway";
import { createSocketPublisher, type AppServer } from "../server/realtime/publisher";

const config = env();
const { db } = appDb();
const boss = await startBoss(config.DATABASE_URL, "web");
const auth = { secret: config.APP_SECRET, secureCookie: config.APP_URL.startsWith("https://") };

const httpServer = createServer();
const io: AppServer = new Server(httpServer, { transports: ["websocket"], serveClient: false });
const closeAdapter = attachPostgresAdapter(io, config.DATABASE_URL);
const deps: Deps = {
  db,
  publish: createSocketPublisher(io),
  jobs: bossJobQueue(boss),
  fallbackFrom: `support@${config.MAIL_DOMAIN}`,
  appUrl: config.APP_URL,
};
attachGateway(io, deps, auth);
const stopRecoveryWatch = watchDatabaseRecovery(io, db);

httpServer.listen(config.PORT, config.HOST, () => console.log(`[bench web] listening on ${config.APP_URL} pid ${process.pid}`));

async function shutdown() {
  stopRecoveryWatch();
  io.close();
  httpServer.close();
  await Promise.allSettled([boss.stop({ graceful: false }), closeAdapter(), appDb().close()]);
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
