/**
 * `npm run bench -- <name>`: runs bench/<name>.ts, which prints a human summary and returns
 * its figures; the figures are printed as the last line (one JSON object) and written to
 * bench/results/<name>.json.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = process.argv[2];
const dir = path.dirname(new URL(import.meta.url).pathname);
const available = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.includes(".lib.")).map((f) => f.slice(0, -3));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>   (available: ${available.join(", ")})`);
  process.exit(2);
}
const mod = (await import(`./${name}.ts`)) as { run: () => Promise<Record<string, unknown>> };
const figures = await mod.run();
mkdirSync(path.join(dir, "results"), { recursive: true });
writeFileSync(path.join(dir, "results", `${name}.json`), JSON.stringify(figures, null, 2) + "\n");
console.log(JSON.stringify(figures));
process.exit(0);
