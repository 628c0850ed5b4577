import { inject } from "vitest";
import { connectDb, type DbHandle } from "../client";
import type { Deps, DomainEvent } from "../../server/domain/events";
import { ensureQueue } from "../seed";
import { users } from "../schema";
import { hashPassword } from "../../lib/password";
import type { Actor } from "../../server/domain/actor";

export interface TestDeps extends Deps {
  events: DomainEvent[];
  jobsSent: { name: string; payload: unknown }[];
  handle: DbHandle;
}

/** Domain dependencies on the run's test database (or `url`), recording what was published and enqueued. */
export function testDeps(url: string = inject("databaseUrl")): TestDeps {
  const handle = connectDb(url, { max: 4 });
  const events: DomainEvent[] = [];
  const jobsSent: { name: string; payload: unknown }[] = [];
  return {
    db: handle.db,
    handle,
    events,
    jobsSent,
    publish: (e) => events.push(...e),
    jobs: { enqueue: async (name, payload) => void jobsSent.push({ name, payload }) },
    fallbackFrom: "support@helpdesk.test",
  };
}

/** The APP_SECRET tests seal and open mail account passwords with. */
export const TEST_APP_SECRET = "test-app-secret-".padEnd(48, "x");

let seq = 0;
/** A fresh agent (or admin) with a unique address. */
export async function makeUser(deps: Deps, role: "agent" | "admin" = "agent"): Promise<Extract<Actor, { kind: "user" }>> {
  const n = `${Date.now()}${seq++}${Math.random().toString(36).slice(2, 6)}`;
  const [u] = await deps.db
    .insert(users)
    .values({ email: `user${n}@example.test`, name: `User ${n}`, role, passwordHash: await hashPassword("pw") })
    .returning();
  return { kind: "user", userId: u.id, role: u.role, name: u.name };
}

export const ensureSupportQueue = (deps: Deps) => ensureQueue(deps.db, "Support", 0);

/** A tRPC context for `createCaller` in tests: the deps, who is calling, and the test APP_SECRET. */
export function testContext(deps: Deps, actor: Actor | null) {
  return { deps, actor, appSecret: TEST_APP_SECRET };
}
