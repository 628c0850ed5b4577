import { createServer } from "node:http";
import next from "next";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { runMigrations } from "../db/migrate";
import { env } from "./env";
import { appRouter } from "./api/root";
import { serveAttachment } from "./api/attachment-route";
import { receiveUpload } from "./api/upload-route";
import { serveTimesCsv } from "./api/times-csv-route";
import { actorFromCookies } from "./auth/session";
import { startWebRealtime } from "./web-realtime";

/**
 * The web process: Next.js pages, tRPC at /api/trpc and the Socket.IO gateway on one port.
 * Run several behind a load balancer; they share events through the Postgres adapter.
 */
const config = env();
process.env.NEXTAUTH_URL ??= config.APP_URL;
process.env.NEXTAUTH_SECRET ??= config.APP_SECRET;

await runMigrations(config.DATABASE_URL);
const httpServer = createServer();
const realtime = await startWebRealtime(httpServer, config);
const { db, deps, auth } = realtime;

const trpc = createHTTPHandler({
  router: appRouter,
  basePath: "/api/trpc/",
  createContext: async ({ req }) => ({
    deps,
    actor: await actorFromCookies(db, req.headers.cookie, auth),
    appSecret: config.APP_SECRET,
  }),
});

const dev = config.NODE_ENV === "development";
const nextApp = next({ dev, dir: process.cwd(), hostname: "localhost", port: config.PORT });
await nextApp.prepare();
const handleNext = nextApp.getRequestHandler();

httpServer.on("request", (req, res) => {
  if (req.url?.startsWith("/api/trpc/")) return trpc(req, res);
  const attachment = req.method === "GET" ? /^\/api\/attachments\/(\d+)$/.exec(req.url ?? "") : null;
  if (attachment) return void serveAttachment(db, auth, req, res, Number(attachment[1]));
  if (req.method === "POST" && req.url === "/api/uploads") return void receiveUpload(db, auth, req, res);
  if (req.method === "GET" && /^\/api\/times\.csv(\?|$)/.test(req.url ?? "")) return void serveTimesCsv(db, auth, req, res);
  if (req.url?.startsWith("/socket.io/")) return; // handled by Socket.IO's own listener
  handleNext(req, res).catch((err) => {
    console.error("[web]", err);
    res.statusCode = 500;
    res.end("Internal error");
  });
});

httpServer.listen(config.PORT, config.HOST, () => {
  console.log(`[web] listening on ${config.APP_URL} (port ${config.PORT}, ${dev ? "development" : "production"})`);
});

async function shutdown() {
  httpServer.close();
  await realtime.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
