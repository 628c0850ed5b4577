import type { IncomingMessage } from "node:http";

/** The header through which server/web-pages.ts hands the client's IP to next-auth (set by us, never taken from the client). */
export const CLIENT_IP_HEADER = "x-helpdesk-client-ip";

/**
 * The address a request came from, for the per-IP attempt limits. Behind a load balancer
 * (TRUST_PROXY=1) that is the last X-Forwarded-For entry, the one the balancer itself saw;
 * earlier entries are the client's to invent. Without it, the socket's peer.
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string | null {
  const forwarded = req.headers["x-forwarded-for"];
  const last = trustProxy && typeof forwarded === "string" ? forwarded.split(",").at(-1)?.trim() : undefined;
  const ip = last || req.socket.remoteAddress;
  return ip ? ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "") : null;
}
