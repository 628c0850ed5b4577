import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "../../db/client";
import { actorFromCookies } from "../auth/session";
import { mayUseTimeReport, timeReportCsv } from "../domain/time/time-report";
import { timeReportFilterInput } from "./routers/timeEntry";

/** A time zone the runtime knows, else UTC. */
function timeZoneOf(value: string | null): string {
  if (!value) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value;
  } catch {
    return "UTC";
  }
}

/**
 * GET /api/times.csv?from&to&userId&queueId&billable&lang&tz — the times report (F3) as CSV,
 * with the page's filters, for signed-in users who may use the report; only entries on tickets
 * they may read. `lang` picks headers, separator and decimal mark; `tz` the dates' zone.
 */
export async function serveTimesCsv(db: Db, auth: { secret: string; secureCookie: boolean }, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const actor = await actorFromCookies(db, req.headers.cookie, auth);
  if (!actor) {
    res.writeHead(401, { "Content-Type": "text/plain" }).end("Please sign in");
    return;
  }
  if (!mayUseTimeReport(actor)) {
    res.writeHead(403, { "Content-Type": "text/plain" }).end("Access denied");
    return;
  }
  const params = new URL(req.url ?? "/", "http://localhost").searchParams;
  const blankless = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ""));
  const filter = timeReportFilterInput.safeParse(blankless);
  if (!filter.success) {
    res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end(filter.error.issues.map((i) => i.message).join("\n"));
    return;
  }
  try {
    const lang = params.get("lang") === "de" ? "de" : "en";
    const csv = await timeReportCsv(db, actor, filter.data, { lang, timeZone: timeZoneOf(params.get("tz")) });
    const day = new Date().toISOString().slice(0, 10);
    res.writeHead(200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="times-${day}.csv"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    });
    res.end(csv);
  } catch (err) {
    console.error("[web] times csv", err);
    res.writeHead(500, { "Content-Type": "text/plain" }).end("Internal error");
  }
}
