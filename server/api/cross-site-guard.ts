import type { IncomingMessage, ServerResponse } from "node:http";
import { langFromCookies, localizedMessage } from "./localize-error";

/**
 * The CSRF guard for every request that may change state (issue 11.5): tRPC mutations, the
 * upload route, next-auth's POSTs and the REST API to come all pass through it in
 * server/web-pages.ts. Cookies ride along with requests from other sites, including another
 * port of the same host ("same-site"), so the session cookie proves nothing about who asked.
 *
 * - The browser's Origin must be this app's: its APP_URL, or the host the request was sent to
 *   (a balancer in front keeps the Host header). `Origin: null` (sandboxed frames, data: URLs)
 *   is foreign.
 * - Without Origin, Sec-Fetch-Site must say the request came from this origin or from the user.
 * - Without either, the caller is no browser (curl, an API client) and has no victim's cookies.
 * - tRPC takes JSON only: `multipart/form-data`, `application/x-www-form-urlencoded` and
 *   `text/plain` (what a plain HTML form or a no-cors fetch can send without a preflight), and
 *   no type at all, are refused before tRPC would parse them as input.
 */

export type CrossSiteRefusal = "foreignOrigin" | "formContentType";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

function changesState(req: IncomingMessage): boolean {
  return !safeMethods.has((req.method ?? "GET").toUpperCase());
}

function sameOrigin(origin: string, appOrigin: string, host: string | undefined): boolean {
  if (origin === appOrigin) return true;
  try {
    return !!host && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * Whether a browser sent this request from another origin. Also the rule for the Socket.IO
 * handshake (server/web-realtime.ts): a socket carries the session cookie and can take locks,
 * so a page on another port must not open one in the user's name.
 */
export function isForeignOrigin(req: IncomingMessage, appOrigin: string): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) return !sameOrigin(origin, appOrigin, req.headers.host);
  const site = req.headers["sec-fetch-site"];
  return site !== undefined && site !== "same-origin" && site !== "none";
}

/** Why a state-changing request must be refused, or null when it may run. */
export function crossSiteRefusal(req: IncomingMessage, opts: { appOrigin: string; jsonOnly: boolean }): CrossSiteRefusal | null {
  if (isForeignOrigin(req, opts.appOrigin)) return "foreignOrigin";
  if (opts.jsonOnly) {
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/json") return "formContentType";
  }
  return null;
}

const messages: Record<CrossSiteRefusal, string> = {
  foreignOrigin: "This request came from another site and was refused",
  formContentType: "This request was sent in a form the help desk does not accept",
};

/**
 * Answers a state-changing request that fails the guard with 403 and returns true; returns
 * false (and writes nothing) for every other request, which may then run.
 */
export function refuseCrossSite(req: IncomingMessage, res: ServerResponse, opts: { appOrigin: string; jsonOnly: boolean }): boolean {
  const refusal = changesState(req) ? crossSiteRefusal(req, opts) : null;
  if (!refusal) return false;
  const error = localizedMessage(messages[refusal], { key: `errors.${refusal}` }, langFromCookies(req.headers.cookie));
  res.writeHead(403, { "Content-Type": "application/json", "Cache-Control": "no-store" }).end(JSON.stringify({ error }));
  return true;
}
