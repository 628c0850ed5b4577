import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureQueue } from "../../../db/seed";
import { makeUser, testDeps } from "../../../db/testing/test-deps";
import type { UserActor } from "../actor";
import { createHourlyRate } from "../config/hourly-rates";
import { addTimeEntry } from "./time-entries";
import { timeReport, timeReportCsv } from "./time-report";
import { createTicket } from "../tickets/tickets";

const deps = testDeps();
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
let queueA: number;
let queueB: number;
let admin: UserActor;
let anna: UserActor;
let ownOnly: UserActor;
let rateId: number;
const day = (d: string) => new Date(`${d}T10:00:00Z`);

beforeAll(async () => {
  queueA = await ensureQueue(deps.db, `Report A ${stamp}`, 91);
  queueB = await ensureQueue(deps.db, `Report B ${stamp}`, 92);
  admin = await makeUser(deps, "admin");
  anna = await makeUser(deps, "agent", { queues: { [queueA]: "manage", [queueB]: "manage" } });
  ownOnly = await makeUser(deps, "agent", { queues: { [queueA]: "write" } });
  rateId = (await createHourlyRate(deps.db, admin, { name: `Report rate ${stamp}`, centsPerHour: 6000 })).id;

  const a = await createTicket(deps, anna, { title: "=cmd|' /C calc'!A0", queueId: queueA, customerEmail: "c@customer.test", body: "x" });
  const b = await createTicket(deps, anna, { title: "Queue B", queueId: queueB, customerEmail: "c@customer.test", body: "x" });
  const mine = await createTicket(deps, ownOnly, { title: "Own", queueId: queueA, customerEmail: "c@customer.test", body: "x" });
  const book = (u: UserActor, ticketId: number, minutes: number, workedAt: Date, billable = true, note = "") =>
    addTimeEntry(deps.db, u, { ticketId, minutes, serviceType: "ticket", billable, rateId, note, workedAt });
  await book(anna, a.id, 60, day("2026-03-02"), true, "+SUM(1;2)");
  await book(anna, a.id, 30, day("2026-03-10"), false);
  await book(anna, b.id, 15, day("2026-03-05"));
  await book(ownOnly, mine.id, 45, day("2026-03-03"));
});
afterAll(() => deps.handle.close());

const march = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") };

describe("times report and CSV (F3)", () => {
  it("filters by period, agent, queue and billable, with totals", async () => {
    const both = { ...march, queueId: queueA };
    expect((await timeReport(deps.db, admin, both)).totals).toEqual({ minutes: 135, billableMinutes: 105, amountCents: 10500 });
    expect((await timeReport(deps.db, admin, { ...both, userId: anna.userId })).rows.map((r) => r.minutes)).toEqual([30, 60]);
    expect((await timeReport(deps.db, admin, { ...both, billable: "notBillable" })).rows.map((r) => r.minutes)).toEqual([30]);
    expect((await timeReport(deps.db, admin, { ...both, billable: "billable" })).rows.map((r) => r.minutes)).toEqual([45, 60]);
    expect((await timeReport(deps.db, admin, { from: new Date("2026-03-03T00:00:00Z"), to: new Date("2026-03-06T00:00:00Z"), userId: anna.userId })).rows.map((r) => r.minutes)).toEqual([15]);
    expect((await timeReport(deps.db, admin, { ...march, queueId: queueB })).rows).toMatchObject([{ queueName: `Report B ${stamp}`, amountCents: 1500 }]);
  });

  it("shows only entries on tickets the actor may read", async () => {
    const seen = await timeReport(deps.db, ownOnly, { ...march, queueId: null });
    expect(seen.rows.map((r) => r.ticketTitle)).toEqual(["Own"]);
    expect((await timeReport(deps.db, ownOnly, { ...march, queueId: queueB })).rows).toEqual([]);
  });

  it("writes a CSV with BOM, the language's separator and neutralised formulas", async () => {
    const de = await timeReportCsv(deps.db, admin, { ...march, queueId: queueA, userId: anna.userId }, { lang: "de", timeZone: "Europe/Berlin" });
    expect(de.charCodeAt(0)).toBe(0xfeff);
    const lines = de.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("Datum;Ticket;Betreff;Queue;Bearbeiter;Leistungsart;Abrechenbar;Minuten;Stunden;Stundensatz;€ pro Stunde;Betrag €;Notiz");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain("2026-03-02 11:00;");
    expect(lines[2]).toContain(`;'=cmd|' /C calc'!A0;Report A ${stamp};${anna.name};ticket;ja;60;1:00;Report rate ${stamp};60;60;"'+SUM(1;2)"`);
    const en = await timeReportCsv(deps.db, admin, { ...march, queueId: queueB }, { lang: "en", timeZone: "UTC" });
    expect(en.slice(1).split("\r\n")[1]).toMatch(/^2026-03-05 10:00,#\d+,Queue B,.*,yes,15,0:15,.*,60,15,$/);
  });
});
