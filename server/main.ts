import { createServer } from "node:http";
import { applyLocalDefaults } from "../db/local-defaults";
import { runMigrations } from "../db/migrate";
import { env } from "./env";
import { startWebRealtime } from "./web-realtime";
import { markStopping } from "./stopping";

/**
 * The web process: Next.js pages, tRPC at /api/trpc and the Socket.IO gateway on one port
 * (WEB_ROLE=all), or the gateway alone (WEB_ROLE=realtime). Run several behind a load
 * balancer; they share events through the Postgres adapter.
 */
// Run alone (`npm run web`/`worker`): the same database and secret as `npm start`.
if (!process.env.DATABASE_URL) await applyLocalDefaults();
const config = env();
process.env.NEXTAUTH_URL ??= config.APP_URL;
process.env.NEXTAUTH_SECRET ??= config.APP_SECRET;

await runMigrations(config.DATABASE_URL);
const httpServer = createServer();
const realtime = await startWebRealtime(httpServer, config);

if (config.WEB_ROLE === "all") {
  const { servePagesAndApi } = await import("./web-pages");
  await servePagesAndApi(httpServer, config, realtime);
} else {
  httpServer.on("request", (req, res) => {
    if (req.url?.startsWith("/socket.io/")) return; // handled by Socket.IO's own listener
    res.statusCode = 404;
    res.end("This process serves only /socket.io/ (WEB_ROLE=realtime).");
  });
}

httpServer.once("error", (err: NodeJS.ErrnoException) => {
  if (err.code !== "EADDRINUSE") throw err;
  console.error(`[web] Port ${config.PORT} (PORT) is used by another program: set PORT in .env to a free port.`);
  process.exit(1);
});
httpServer.listen(config.PORT, config.HOST, () => {
  const mode = config.NODE_ENV === "development" ? "development" : "production";
  console.log(`[web] listening on ${config.APP_URL} (port ${config.PORT}, ${mode}${config.WEB_ROLE === "realtime" ? ", realtime only" : ""})`);
});

async function shutdown() {
  markStopping();
  httpServer.close();
  await realtime.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
