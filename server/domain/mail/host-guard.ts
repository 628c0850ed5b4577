import { lookup as dnsLookup } from "node:dns/promises";
import net from "node:net";
import type { DbOrTx } from "../../../db/client";
import { getSetting } from "../config/settings";

/**
 * SSRF guard for mail servers. Whoever may edit a mail account chooses the host the web
 * and worker processes connect to, so before any IMAP or SMTP connection the host is
 * resolved and refused when any of its addresses is on this machine or link-local:
 * loopback (127/8, ::1), link-local (169.254/16, fe80::/10) or unspecified (0/8, ::).
 * Private ranges (10/8, 172.16/12, 192.168/16, fc00::/7) stay allowed: company mail servers
 * live there. The admin setting `mail.allowPrivateHosts` switches the guard off (local
 * test servers). When the guard is on, the connection goes to the address that was checked
 * (with the host name kept for TLS), so a second DNS answer cannot point elsewhere.
 */
export type BlockedKind = "loopback" | "link-local" | "unspecified";

const rules: { kind: BlockedKind; list: net.BlockList }[] = (() => {
  const loopback = new net.BlockList();
  loopback.addSubnet("127.0.0.0", 8, "ipv4");
  loopback.addAddress("::1", "ipv6");
  const linkLocal = new net.BlockList();
  linkLocal.addSubnet("169.254.0.0", 16, "ipv4");
  linkLocal.addSubnet("fe80::", 10, "ipv6");
  const unspecified = new net.BlockList();
  // 0.0.0.0/8 ("this network"): Linux connects 0.x.x.x to the local machine.
  unspecified.addSubnet("0.0.0.0", 8, "ipv4");
  unspecified.addAddress("::", "ipv6");
  return [
    { kind: "loopback", list: loopback },
    { kind: "link-local", list: linkLocal },
    { kind: "unspecified", list: unspecified },
  ];
})();

/** Why an IP address is refused, or null when it may be connected to. IPv4-mapped IPv6 counts as IPv4. */
export function blockedAddressKind(ip: string): BlockedKind | null {
  const family = net.isIP(ip);
  if (!family) return null;
  const type = family === 4 ? "ipv4" : "ipv6";
  return rules.find((r) => r.list.check(ip, type))?.kind ?? null;
}

/** A host the guard refused; its message is fit for the admin. */
export class HostRefusedError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly kind: BlockedKind,
  ) {
    const what = host === address ? host : `${host} (${address})`;
    super(
      `${what} is a ${kind} address; mail servers there are refused. ` +
        `An administrator can allow them under Settings ("Allow mail servers on this machine").`,
    );
    this.name = "HostRefusedError";
  }
}

export interface ConnectTarget {
  /** What to connect to: the checked IP address, or the host name when the guard is off. */
  host: string;
  /** The name for TLS (SNI and certificate check) when `host` was replaced by an address. */
  servername?: string;
}

export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;
const systemLookup: Lookup = (host) => dnsLookup(host, { all: true });

/** Strips IPv6 brackets and surrounding blanks. */
function bareHost(host: string): string {
  const h = host.trim();
  return h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;
}

/**
 * Resolves `host` (every address) and refuses it when one is loopback, link-local or
 * unspecified, unless `allowPrivateHosts`. DNS errors (ENOTFOUND …) propagate as they are.
 */
export async function resolveMailHost(
  host: string,
  opts: { allowPrivateHosts: boolean; lookup?: Lookup },
): Promise<ConnectTarget> {
  const name = bareHost(host);
  if (!name) throw new Error("No host given");
  const addresses = net.isIP(name) ? [{ address: name, family: net.isIP(name) }] : await (opts.lookup ?? systemLookup)(name);
  if (addresses.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: "ENOTFOUND" });
  if (opts.allowPrivateHosts) return { host: name };
  for (const a of addresses) {
    const kind = blockedAddressKind(a.address);
    if (kind) throw new HostRefusedError(name, a.address, kind);
  }
  // IPv4 first: a host with both often has IPv6 unreachable from servers without an IPv6 route.
  const chosen = addresses.find((a) => a.family === 4) ?? addresses[0];
  return { host: chosen.address, servername: net.isIP(name) ? undefined : name };
}

/** The guard with the admin setting read from the database; call it right before connecting. */
export async function guardMailHost(db: DbOrTx, host: string, lookup?: Lookup): Promise<ConnectTarget> {
  const allowPrivateHosts = await getSetting(db, "mail.allowPrivateHosts");
  return resolveMailHost(host, { allowPrivateHosts, lookup });
}
