import pg from "pg";
import { createAdapter } from "@socket.io/postgres-adapter";
import type { AppServer } from "./publisher";

/**
 * Binds a Socket.IO server to the Postgres adapter, so every web process and the worker
 * share events. The `socket_io_attachments` table is created by our migrations.
 */
export function attachPostgresAdapter(io: AppServer, databaseUrl: string): () => Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  pool.on("error", (err) => console.error("[realtime] adapter pool error:", err.message));
  io.adapter(createAdapter(pool, { errorHandler: (err) => console.error("[realtime] adapter:", err.message) }));
  return async () => {
    // Stop the adapter's listener and timers first, or it keeps reconnecting to a closed pool.
    await io.of("/").adapter.close();
    await pool.end();
  };
}
