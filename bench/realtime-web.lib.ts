/**
 * The web process of bench/realtime.ts: server/main.ts's realtime half
 * (server/web-realtime.ts, the same function main.ts calls), without Next and tRPC.
 * Bench-only; run as its own process with the web process's environment (DATABASE_URL,
 * APP_SECRET, PORT, HOST, APP_URL): node --import tsx bench/realtime-web.lib.ts
 */
import { createServer } from "node:http";
import { env } from "../server/env";
import { startWebRealtime } from "../server/web-realtime";

const config = env();
const httpServer = createServer();
const realtime = await startWebRealtime(httpServer, config);

httpServer.listen(config.PORT, config.HOST, () => console.log(`[bench web] listening on ${config.APP_URL} pid ${process.pid}`));

async function shutdown() {
  httpServer.close();
  await realtime.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
