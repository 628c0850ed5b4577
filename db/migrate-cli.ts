import { applyLocalDefaults } from "./local-defaults";
import { runMigrations } from "./migrate";

/** `npm run db:migrate`: the configured database, else the embedded one `npm start` uses. */
const local = await applyLocalDefaults();
await runMigrations(process.env.DATABASE_URL!);
await local.stop();
console.log("Migrations applied.");
