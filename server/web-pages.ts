import type { Server as HttpServer } from "node:http";
import next from "next";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import type { Env } from "./env";
import { appRouter } from "./api/root";
import { serveAttachment } from "./api/attachment-route";
import { receiveUpload } from "./api/upload-route";
import { serveTimesCsv } from "./api/times-csv-route";
import { actorFromCookies } from "./auth/session";
import { langFromCookies } from "./api/localize-error";
import { refuseCrossSite } from "./api/cross-site-guard";
import { CLIENT_IP_HEADER, clientIp } from "./auth/client-ip";
import type { startWebRealtime } from "./web-realtime";

/**
 * Everything of a web process but Socket.IO: tRPC at /api/trpc, the file routes and the
 * Next.js pages. server/main.ts loads this only for WEB_ROLE=all, so a realtime-only
 * process never loads Next.
 */
export async function servePagesAndApi(httpServer: HttpServer, config: Env, realtime: Awaited<ReturnType<typeof startWebRealtime>>) {
  const { db, deps, auth } = realtime;
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/api/trpc/",
    createContext: async ({ req }) => ({
      deps,
      actor: await actorFromCookies(db, req.headers.cookie, auth),
      appSecret: config.APP_SECRET,
      lang: langFromCookies(req.headers.cookie),
      clientIp: clientIp(req, config.TRUST_PROXY),
    }),
  });

  const nextApp = next({ dev: config.NODE_ENV === "development", dir: process.cwd(), hostname: "localhost", port: config.PORT });
  await nextApp.prepare();
  const handleNext = nextApp.getRequestHandler();

  const appOrigin = new URL(config.APP_URL).origin;
  httpServer.on("request", (req, res) => {
    if (req.url?.startsWith("/socket.io/")) return; // handled by Socket.IO's own listener
    const isTrpc = !!req.url?.startsWith("/api/trpc/");
    // Every state-changing request, whatever its route, passes the CSRF guard first.
    if (refuseCrossSite(req, res, { appOrigin, jsonOnly: isTrpc })) return;
    if (isTrpc) return trpc(req, res);
    const attachment = req.method === "GET" ? /^\/api\/attachments\/(\d+)$/.exec(req.url ?? "") : null;
    if (attachment) return void serveAttachment(db, auth, req, res, Number(attachment[1]));
    if (req.method === "POST" && req.url === "/api/uploads") return void receiveUpload(db, auth, req, res);
    if (req.method === "GET" && /^\/api\/times\.csv(\?|$)/.test(req.url ?? "")) return void serveTimesCsv(db, auth, req, res);
    req.headers[CLIENT_IP_HEADER] = clientIp(req, config.TRUST_PROXY) ?? ""; // for next-auth's sign-in limits
    handleNext(req, res).catch((err) => {
      console.error("[web]", err);
      res.statusCode = 500;
      res.end("Internal error");
    });
  });
}
