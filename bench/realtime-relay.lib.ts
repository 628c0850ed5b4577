/**
 * Baseline server of bench/realtime.ts: a minimal Socket.IO server with the same options and
 * the same Postgres adapter (server/realtime/adapter.ts) as the web process, but no auth, no
 * database work and no gateway. A client's `relay` message is broadcast to the room every
 * client joins, through the adapter, so a second process on the same database relays it too.
 * Bench-only; run as its own process: DATABASE_URL=… PORT=… node --import tsx bench/realtime-relay.lib.ts
 */
import { createServer } from "node:http";
import { Server } from "socket.io";
import { attachPostgresAdapter } from "../server/realtime/adapter";
import type { AppServer } from "../server/realtime/publisher";

const databaseUrl = process.env.DATABASE_URL!;
const port = Number(process.env.PORT);

const httpServer = createServer();
const io = new Server(httpServer, { transports: ["websocket"], serveClient: false });
const closeAdapter = attachPostgresAdapter(io as unknown as AppServer, databaseUrl);

io.on("connection", (socket) => {
  socket.join("relay");
  socket.on("relay", (payload: unknown) => {
    io.to("relay").emit("relay", payload);
  });
});

httpServer.listen(port, "127.0.0.1", () => console.log(`[relay] listening on 127.0.0.1:${port} pid ${process.pid}`));

async function shutdown() {
  io.close();
  httpServer.close();
  await closeAdapter().catch(() => {});
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
