import pg from "pg";
import { createAdapter } from "@socket.io/postgres-adapter";
import type { AppServer } from "./publisher";
import { logError } from "../stopping";

/**
 * Binds a Socket.IO server to the Postgres adapter, so every web process and the worker
 * share events. The `socket_io_attachments` table is created by our migrations.
 */
export function attachPostgresAdapter(io: AppServer, databaseUrl: string): () => Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  pool.on("error", (err) => logError("[realtime] adapter pool error:", err.message));
  // The adapter keeps one client checked out for LISTEN and gives it no error listener, so a
  // dropped connection (database restart) would be an unhandled 'error' and kill the
  // process. Handled here; the client's 'end' still makes the adapter reconnect.
  pool.on("connect", (client) => client.on("error", (err) => logError("[realtime] adapter client error:", err.message)));
  io.adapter(createAdapter(pool, { errorHandler: (err) => logError("[realtime] adapter:", err.message) }));
  return async () => {
    // Stop the adapter's listener and timers first, or it keeps reconnecting to a closed pool.
    await io.of("/").adapter.close();
    await pool.end();
  };
}
