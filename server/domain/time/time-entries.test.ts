import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureQueue } from "../../../db/seed";
import { makeUser, testContext, testDeps } from "../../../db/testing/test-deps";
import { createCaller } from "../../api/root";
import type { UserActor } from "../actor";
import { createHourlyRate, deleteHourlyRate, listHourlyRates, moveHourlyRate, setHourlyRateActive, updateHourlyRate } from "../config/hourly-rates";
import { addTimeEntry, deleteTimeEntry, listTimeEntries, updateTimeEntry } from "./time-entries";
import { createTicket } from "../tickets/tickets";

const deps = testDeps();
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
let queueId: number;
let admin: UserActor;
let anna: UserActor;
let ben: UserActor;
let readOwn: UserActor;
let viewer: UserActor;

beforeAll(async () => {
  queueId = await ensureQueue(deps.db, `Times ${stamp}`, 90);
  admin = await makeUser(deps, "admin");
  anna = await makeUser(deps, "agent", { queues: { [queueId]: "manage" } });
  ben = await makeUser(deps, "agent", { queues: { [queueId]: "manage" } });
  readOwn = await makeUser(deps, "agent", { queues: { [queueId]: "read_own" } });
  viewer = await makeUser(deps, "backoffice", { queues: { [queueId]: "manage" }, rights: ["ticket.view"] });
});
afterAll(() => deps.handle.close());

const booking = (over: Partial<Parameters<typeof addTimeEntry>[2]> = {}) => ({
  minutes: 30, serviceType: "call" as const, billable: true, rateId: null, note: "", workedAt: new Date(), ...over,
});

describe("time entries on a ticket (F1, F2)", () => {
  it("books, totals and copies the rate's cents at booking", async () => {
    const rate = await createHourlyRate(deps.db, admin, { name: `Standard ${stamp}`, centsPerHour: 9000 });
    const t = await createTicket(deps, anna, { title: "Billable work", queueId, customerEmail: "c@customer.test", body: "x" });
    deps.events.length = 0;
    await addTimeEntry(deps.db, anna, { ticketId: t.id, ...booking({ minutes: 90, rateId: rate.id, note: "  phone  " }) }).then((r) => deps.publish(r.events));
    expect(deps.events).toMatchObject([{ type: "ticket.changed", ticketId: t.id }]);
    await addTimeEntry(deps.db, ben, { ticketId: t.id, ...booking({ minutes: 20, billable: false, rateId: rate.id, serviceType: "email" }) });
    await addTimeEntry(deps.db, ben, { ticketId: t.id, ...booking({ minutes: 10 }) });

    // A later rate change does not rewrite what was booked.
    await updateHourlyRate(deps.db, admin, rate.id, { name: `Standard ${stamp}`, centsPerHour: 20000 });
    const times = await listTimeEntries(deps.db, viewer, t.id);
    expect(times.totals).toEqual({ minutes: 120, billableMinutes: 100, amountCents: 13500 });
    expect(times.entries.find((e) => e.minutes === 90)).toMatchObject({ userName: anna.name, rateName: `Standard ${stamp}`, centsPerHour: 9000, amountCents: 13500, note: "phone" });
    expect(times.entries.find((e) => e.minutes === 20)).toMatchObject({ amountCents: 0, billable: false, serviceType: "email" });
    expect(times.mayBook).toBe(false); // the back-office viewer only reads
    expect(times.entries.every((e) => !e.mayEdit)).toBe(true);

    // An inactive rate is not offered for new bookings.
    await setHourlyRateActive(deps.db, admin, rate.id, false);
    await expect(addTimeEntry(deps.db, anna, { ticketId: t.id, ...booking({ rateId: rate.id }) })).rejects.toThrow(/offered rates/);
    // …but an entry booked at it keeps it (and its cents) when edited.
    const annas = times.entries.find((e) => e.userId === anna.userId)!;
    await updateTimeEntry(deps.db, anna, { id: annas.id, ...booking({ minutes: 60, rateId: rate.id }) });
    expect((await listTimeEntries(deps.db, anna, t.id)).entries.find((e) => e.id === annas.id)).toMatchObject({ minutes: 60, centsPerHour: 9000, amountCents: 9000 });
    // Deleting the rate keeps the copied amount.
    await deleteHourlyRate(deps.db, admin, rate.id);
    expect((await listTimeEntries(deps.db, anna, t.id)).entries.find((e) => e.id === annas.id)).toMatchObject({ rateName: null, amountCents: 9000 });
  });

  it("defaults new bookings to the ticket's billable flag and checks minutes and dates", async () => {
    const t = await createTicket(deps, anna, { title: "Defaults", queueId, customerEmail: "c@customer.test", body: "x" });
    expect((await listTimeEntries(deps.db, anna, t.id)).billableDefault).toBe(false);
    await expect(addTimeEntry(deps.db, anna, { ticketId: t.id, ...booking({ minutes: 0 }) })).rejects.toThrow(/1 minute/);
    await expect(addTimeEntry(deps.db, anna, { ticketId: t.id, ...booking({ workedAt: new Date(Date.now() + 3 * 86400_000) }) })).rejects.toThrow(/future/);
    const api = createCaller(testContext(deps, anna));
    await expect(api.timeEntry.add({ ticketId: t.id, ...booking({ minutes: 2000 }) })).rejects.toThrow(/errors.field.maxHoursPerEntry/);
  });

  it("reading needs the read right, booking the write right; own entries only, admins any", async () => {
    const t = await createTicket(deps, anna, { title: "Rights", queueId, customerEmail: "c@customer.test", body: "x" });
    const { id } = await addTimeEntry(deps.db, anna, { ticketId: t.id, ...booking() });
    // read_own does not see someone else's ticket at all.
    await expect(listTimeEntries(deps.db, readOwn, t.id)).rejects.toThrow(/not found/);
    await expect(addTimeEntry(deps.db, readOwn, { ticketId: t.id, ...booking() })).rejects.toThrow(/not found/);
    // A reader without the write right may not book.
    await expect(addTimeEntry(deps.db, viewer, { ticketId: t.id, ...booking() })).rejects.toThrow(/may not change/);
    // A colleague may not change or delete Anna's entry; the admin may.
    await expect(updateTimeEntry(deps.db, ben, { id, ...booking({ minutes: 5 }) })).rejects.toThrow(/own time entries/);
    await expect(deleteTimeEntry(deps.db, ben, id)).rejects.toThrow(/own time entries/);
    expect((await listTimeEntries(deps.db, ben, t.id)).entries[0].mayEdit).toBe(false);
    expect((await listTimeEntries(deps.db, admin, t.id)).entries[0].mayEdit).toBe(true);
    await updateTimeEntry(deps.db, admin, { id, ...booking({ minutes: 45 }) });
    expect((await listTimeEntries(deps.db, anna, t.id)).entries[0].minutes).toBe(45);
    await deleteTimeEntry(deps.db, anna, id);
    expect((await listTimeEntries(deps.db, anna, t.id)).entries).toEqual([]);
    await expect(deleteTimeEntry(deps.db, anna, id)).rejects.toThrow(/not found/);
  });
});

describe("hourly rates (F3)", () => {
  it("admins add, rename, reorder and deactivate rates with unique names; others may not", async () => {
    const a = await createHourlyRate(deps.db, admin, { name: ` Night ${stamp} `, centsPerHour: 14000 });
    const b = await createHourlyRate(deps.db, admin, { name: `Day ${stamp}`, centsPerHour: 9500 });
    expect(a).toMatchObject({ name: `Night ${stamp}`, active: true, entryCount: 0 });
    await expect(createHourlyRate(deps.db, admin, { name: `NIGHT ${stamp}`, centsPerHour: 1 })).rejects.toThrow(/already a rate/);
    await expect(createHourlyRate(deps.db, admin, { name: `Neg ${stamp}`, centsPerHour: -1 })).rejects.toThrow(/amount per hour/);
    await expect(createHourlyRate(deps.db, anna, { name: `Mine ${stamp}`, centsPerHour: 1 })).rejects.toThrow(/administrators/);
    await moveHourlyRate(deps.db, admin, b.id, "up");
    const ids = (await listHourlyRates(deps.db, admin)).map((r) => r.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    await setHourlyRateActive(deps.db, admin, a.id, false);
    const offered = await createCaller(testContext(deps, anna)).timeEntry.rates();
    expect(offered.map((r) => r.id)).toContain(b.id);
    expect(offered.map((r) => r.id)).not.toContain(a.id);
  });
});
