import { inject } from "vitest";
import { connectDb, type DbHandle } from "../client";
import type { Deps, DomainEvent } from "../../server/domain/events";
import { ensureQueue } from "../seed";
import { sql } from "drizzle-orm";
import { queueAccess, queues, users, type QueueAccessLevel, type StaffRight } from "../schema";
import { hashPassword } from "../../lib/password";
import type { Actor, StaffRole, UserActor } from "../../server/domain/actor";
import { loadUserActor } from "../../server/domain/permissions";

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
/**
 * A fresh staff user with a unique address. An agent manages every queue that exists now
 * (as the migration made existing agents do); `queues: {}` or a map gives other levels.
 */
export async function makeUser(
  deps: Deps,
  role: StaffRole = "agent",
  opts: { queues?: Record<number, QueueAccessLevel>; rights?: StaffRight[] } = {},
): Promise<UserActor> {
  const n = `${Date.now()}${seq++}${Math.random().toString(36).slice(2, 6)}`;
  const [u] = await deps.db
    .insert(users)
    .values({ email: `user${n}@example.test`, name: `User ${n}`, role, passwordHash: await hashPassword("pw"), rights: opts.rights ?? [] })
    .returning();
  if (opts.queues) return grantQueues(deps, u.id, opts.queues);
  if (role === "agent") {
    // One statement that locks the queues it reads: other test files delete queues meanwhile.
    await deps.db.execute(sql`
      insert into ${queueAccess} (user_id, queue_id, level)
      select ${u.id}, ${queues.id}, 'manage' from ${queues} for key share
      on conflict do nothing`);
  }
  return (await loadUserActor(deps.db, u.id))!;
}

/** Sets a user's levels on the given queues; returns the actor as it is now. */
export async function grantQueues(deps: Deps, userId: number, levels: Record<number, QueueAccessLevel>): Promise<UserActor> {
  const rows = Object.entries(levels).map(([queueId, level]) => ({ userId, queueId: Number(queueId), level }));
  if (rows.length) {
    await deps.db.insert(queueAccess).values(rows).onConflictDoUpdate({ target: [queueAccess.userId, queueAccess.queueId], set: { level: sql`excluded.level` } });
  }
  return (await loadUserActor(deps.db, userId))!;
}

export const ensureSupportQueue = (deps: Deps) => ensureQueue(deps.db, "Support", 0);

/** A tRPC context for `createCaller` in tests: the deps, who is calling, and the test APP_SECRET. */
export function testContext(deps: Deps, actor: Actor | null) {
  return { deps, actor, appSecret: TEST_APP_SECRET };
}
