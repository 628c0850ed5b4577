import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { Env } from "./env";
import { appDb } from "./db-instance";
import type { Deps } from "./domain/events";
import { bossJobQueue, startBoss } from "./jobs/queue";
import { isForeignOrigin } from "./api/cross-site-guard";
import { attachPostgresAdapter } from "./realtime/adapter";
import { watchDatabaseRecovery } from "./realtime/db-recovery";
import { attachGateway } from "./realtime/gateway";
import { createSocketPublisher, type AppServer } from "./realtime/publisher";

/**
 * The realtime half of a web process on its HTTP server: Socket.IO with the Postgres
 * adapter, the gateway (cookie auth, rooms, locks, presence), the database-recovery watch,
 * and the deps every request handler uses. server/main.ts adds tRPC and Next on top; the
 * realtime bench runs it alone, so both measure and serve the same wiring.
 */
export async function startWebRealtime(httpServer: HttpServer, config: Env) {
  const { db } = appDb();
  const boss = await startBoss(config.DATABASE_URL, "web");
  const auth = { secret: config.APP_SECRET, secureCookie: config.APP_URL.startsWith("https://") };
  const appOrigin = new URL(config.APP_URL).origin;
  const io: AppServer = new Server(httpServer, {
    transports: ["websocket"],
    serveClient: false,
    // A page of another origin (another port of this host too) opens no socket in the user's name.
    allowRequest: (req, callback) => callback(null, !isForeignOrigin(req, appOrigin)),
  });
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
  return {
    db,
    deps,
    auth,
    /** Stops sockets, jobs, the adapter and the database handle. */
    async close() {
      stopRecoveryWatch();
      io.close();
      await Promise.allSettled([boss.stop({ graceful: false }), closeAdapter(), appDb().close()]);
    },
  };
}
