import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { freePort } from "../db/embedded";

/**
 * The ports `npm start` listens on, chosen so that it never collides with another program on
 * a shared machine: a port named in the environment (or `.env`) is used as given, and must
 * be free; an unnamed one takes its default when free, else any free port. The choice is
 * kept in `.data/ports.json`, where `npm run demo:mail` finds the demo inbound port.
 */
export const portSettings = {
  web: { variable: "PORT", fallback: 3000 },
  demoInbound: { variable: "DEMO_INBOUND_SMTP_PORT", fallback: 2525 },
  demoCatcher: { variable: "DEMO_CATCHER_SMTP_PORT", fallback: 2526 },
} as const;
export type PortName = keyof typeof portSettings;
export type LocalPorts = Record<PortName, number>;

const portsFile = (dataDir: string) => path.join(dataDir, "ports.json");

/** Whether nothing listens on the port, on any address (the web process binds 0.0.0.0). */
export function portIsFree(port: number, host = "0.0.0.0"): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

export class PortTakenError extends Error {}

export async function chooseLocalPorts(dataDir: string, env: Record<string, string | undefined> = process.env): Promise<LocalPorts> {
  const chosen = {} as LocalPorts;
  for (const [name, { variable, fallback }] of Object.entries(portSettings) as [PortName, (typeof portSettings)[PortName]][]) {
    const given = env[variable];
    if (given) {
      if (!(await portIsFree(Number(given)))) {
        throw new PortTakenError(`Port ${given} (${variable}) is used by another program: set ${variable} in .env to a free port, or leave it unset to have one chosen.`);
      }
      chosen[name] = Number(given);
    } else {
      chosen[name] = (await portIsFree(fallback)) && !Object.values(chosen).includes(fallback) ? fallback : await freePort();
    }
  }
  writeFileSync(portsFile(dataDir), JSON.stringify(chosen, null, 2));
  return chosen;
}

/** The port a running `npm start` chose for `name`, unless the environment names one. */
export function localPort(dataDir: string, name: PortName, env: Record<string, string | undefined> = process.env): number {
  const { variable, fallback } = portSettings[name];
  if (env[variable]) return Number(env[variable]);
  const file = portsFile(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<LocalPorts>)[name] ?? fallback : fallback;
}
