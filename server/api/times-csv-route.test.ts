import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureQueue } from "../../db/seed";
import { makeUser, testDeps } from "../../db/testing/test-deps";
import type { UserActor } from "../domain/actor";
import { addTimeEntry } from "../domain/time/time-entries";
import { createTicket } from "../domain/tickets/tickets";
import { serveTimesCsv } from "./times-csv-route";

const deps = testDeps();
const secret = "times-csv-test-secret";
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
let server: Server;
let base: string;
let queueId: number;
let manager: UserActor;
let ownOnly: UserActor;
let noRights: UserActor;

beforeAll(async () => {
  queueId = await ensureQueue(deps.db, `CSV ${stamp}`, 95);
  manager = await makeUser(deps, "agent", { queues: { [queueId]: "manage" } });
  ownOnly = await makeUser(deps, "agent", { queues: { [queueId]: "write" } });
  noRights = await makeUser(deps, "backoffice", { queues: { [queueId]: "manage" }, rights: [] });
  const theirs = await createTicket(deps, manager, { title: `Theirs ${stamp}`, queueId, customerEmail: "c@customer.test", body: "x" });
  const mine = await createTicket(deps, ownOnly, { title: `Mine ${stamp}`, queueId, customerEmail: "c@customer.test", body: "x" });
  const workedAt = new Date("2026-02-10T09:00:00Z");
  await addTimeEntry(deps.db, manager, { ticketId: theirs.id, minutes: 30, serviceType: "call", billable: true, rateId: null, note: "@SUM(A1)", workedAt });
  await addTimeEntry(deps.db, ownOnly, { ticketId: mine.id, minutes: 15, serviceType: "email", billable: false, rateId: null, note: "", workedAt });
  server = createServer((req, res) => void serveTimesCsv(deps.db, { secret, secureCookie: false }, req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/times.csv`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await deps.handle.close();
});

async function get(query: string, user?: UserActor) {
  const cookie = user ? `next-auth.session-token=${await encode({ token: { sub: String(user.userId) }, secret })}` : "";
  return fetch(`${base}?${query}`, { headers: cookie ? { cookie } : {} });
}
const february = () => `from=2026-02-01T00:00:00.000Z&to=2026-03-01T00:00:00.000Z&queueId=${queueId}`;

describe("GET /api/times.csv (F3)", () => {
  it("needs a session and the right to view tickets, and checks its filters", async () => {
    expect((await get(february())).status).toBe(401);
    expect((await get(february(), noRights)).status).toBe(403);
    const bad = await get("from=yesterday", manager);
    expect(bad.status).toBe(400);
  });

  it("answers the filtered entries of readable tickets as CSV with BOM, escaped against injection", async () => {
    const res = await get(`${february()}&lang=de&tz=Europe/Berlin`, manager);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="times-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.includes(`Theirs ${stamp}`))).toMatch(/^2026-02-10 10:00;.*;call;ja;30;0:30;;;;'@SUM\(A1\)$/);

    // Filters apply; someone who reads only their own tickets gets only those.
    const billable = (await (await get(`${february()}&billable=billable`, manager)).text()).split("\r\n");
    expect(billable.filter((l) => l.includes(stamp))).toHaveLength(1);
    const own = await (await get(february(), ownOnly)).text();
    expect(own).toContain(`Mine ${stamp}`);
    expect(own).not.toContain(`Theirs ${stamp}`);
  });
});
