import { createServer, type Server } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFreshDatabase, type FreshDatabase } from "../db/testing/fresh-database";
import { spawnWorker } from "../worker/testing/spawn-worker";
import { chooseLocalPorts, localPort, PortTakenError } from "./local-ports";

/** Holds a port the way another program on a shared machine would; 0 takes any free one. */
function hold(port = 0): Promise<Server | null> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(null)); // someone else holds it already: just as good
    srv.listen(port, "0.0.0.0", () => resolve(srv));
  });
}
const portOf = (srv: Server) => (srv.address() as { port: number }).port;

describe("the demo cannot collide with another program's ports (issue 12.5)", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "helpdesk-ports-"));
  const held: Server[] = [];
  let fresh: FreshDatabase | undefined;
  afterAll(async () => {
    for (const s of held) s.close();
    await fresh?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("takes free ports instead of taken defaults, and keeps them for demo:mail", async () => {
    for (const port of [3000, 2525, 2526]) {
      const s = await hold(port);
      if (s) held.push(s);
    }
    const ports = await chooseLocalPorts(dataDir, {});
    expect([ports.web, ports.demoInbound, ports.demoCatcher]).not.toContain(2525);
    expect(new Set(Object.values(ports)).size).toBe(3);
    expect(JSON.parse(readFileSync(path.join(dataDir, "ports.json"), "utf8"))).toEqual(ports);
    expect(localPort(dataDir, "demoInbound", {})).toBe(ports.demoInbound);
    expect(localPort(dataDir, "demoInbound", { DEMO_INBOUND_SMTP_PORT: "4025" })).toBe(4025);
  });

  it("a port named in .env that is taken is said in one line with the variable to change", async () => {
    const taken = (await hold())!;
    held.push(taken);
    const err = await chooseLocalPorts(dataDir, { DEMO_INBOUND_SMTP_PORT: String(portOf(taken)) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortTakenError);
    expect((err as Error).message).toMatch(/^Port \d+ \(DEMO_INBOUND_SMTP_PORT\) is used by another program: set DEMO_INBOUND_SMTP_PORT in \.env/);
  });

  it("the worker started on a taken demo port says so in one line, without a stack trace", async () => {
    fresh = await createFreshDatabase("ports");
    const taken = (await hold())!;
    held.push(taken);
    const worker = await spawnWorker(fresh.url, { waitForReady: false, env: { DEMO_INBOUND_SMTP_PORT: String(portOf(taken)) } });
    let stderr = "";
    worker.stderr!.on("data", (c: Buffer) => void (stderr += c.toString()));
    const code = await new Promise((r) => worker.once("exit", r));
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([`[worker] Port ${portOf(taken)} (DEMO_INBOUND_SMTP_PORT) is used by another program: set DEMO_INBOUND_SMTP_PORT in .env to a free port.`]);
  }, 90_000);
});
