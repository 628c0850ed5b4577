import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { auditLog, fieldOptions, statuses, ticketOwners, tickets } from "../../../db/schema";
import { makeUser, testContext, testDeps } from "../../../db/testing/test-deps";
import { createCaller } from "../../api/root";
import { callOverHttp } from "../../api/testing/call-over-http";
import type { UserActor } from "../actor";
import { createTicket } from "../tickets/tickets";
import {
  createFieldOption, deleteFieldOption, listFieldOptions, moveFieldOption, setFieldOptionActive, updateFieldOption,
} from "./field-options";
import { createQueue } from "./queues";
import { createStatus } from "./statuses";
import { createStatusGroup, deleteStatusGroup, listStatusGroups, moveStatusGroup, updateStatusGroup } from "./status-groups";

const deps = testDeps();
let admin: UserActor;
let agent: UserActor;
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const http = (path: string, body: unknown, actor: UserActor | null = admin) => callOverHttp(deps, path, body, actor);
const audits = (entity: string, entityId: number) =>
  deps.db.select().from(auditLog).where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId)))).orderBy(desc(auditLog.id));

beforeAll(async () => {
  admin = await makeUser(deps, "admin");
  agent = await makeUser(deps, "agent");
});
afterAll(() => deps.handle.close());

describe("status groups (B3)", () => {
  it("create, edit, reorder and delete, with unique names and a #rrggbb colour", async () => {
    const api = createCaller(testContext(deps, admin));
    const a = await api.statusGroup.create({ name: ` Waiting ${stamp} `, nameDe: "Wartend", colour: "#F59E0B" });
    expect(a).toMatchObject({ name: `Waiting ${stamp}`, nameDe: "Wartend", colour: "#f59e0b", statusCount: 0 });
    const b = await createStatusGroup(deps.db, admin, { name: `Done ${stamp}`, nameDe: null, colour: "#16a34a" });

    const bad = await http("statusGroup.create", { name: "", nameDe: null, colour: "green" });
    expect(bad.error?.data.fieldErrors).toEqual({ name: ["The name is required"], colour: ["A colour is written as #rrggbb"] });
    const dup = await http("statusGroup.update", { id: b.id, name: `WAITING ${stamp}`, nameDe: null, colour: "#16a34a" });
    expect(dup.error?.data.fieldErrors).toEqual({ name: [`There is already a status group named “Waiting ${stamp}”`] });
    await expect(createStatusGroup(deps.db, admin, { name: "x", nameDe: null, colour: "#12345" })).rejects.toMatchObject({
      details: { fieldErrors: { colour: ["A colour is written as #rrggbb"] } },
    });

    const edited = await updateStatusGroup(deps.db, admin, a.id, { name: `Waiting ${stamp}`, nameDe: "Warten", colour: "#f97316" });
    expect(edited).toMatchObject({ nameDe: "Warten", colour: "#f97316" });
    expect((await audits("statusGroup", a.id))[0].changes).toEqual({ nameDe: { from: "Wartend", to: "Warten" }, colour: { from: "#f59e0b", to: "#f97316" } });

    const order = async () => (await listStatusGroups(deps.db, admin)).map((g) => g.id).filter((id) => id === a.id || id === b.id);
    expect(await order()).toEqual([a.id, b.id]);
    await moveStatusGroup(deps.db, admin, b.id, "up");
    expect(await order()).toEqual([b.id, a.id]);

    // Deleting a group keeps its statuses, without a group.
    const q = await createQueue(deps.db, admin, { name: `Grouped ${stamp}`, nameDe: null, groupName: null, description: null, customersSeeEachOther: false });
    const s = await createStatus(deps.db, admin, { queueId: q.id, name: "Parked", nameDe: null, category: "pending", progress: 50, groupId: a.id });
    expect((await listStatusGroups(deps.db, admin)).find((g) => g.id === a.id)?.statusCount).toBe(1);
    expect(await deleteStatusGroup(deps.db, admin, a.id)).toEqual({ ungroupedStatuses: 1 });
    expect((await deps.db.select().from(statuses).where(eq(statuses.id, s.id)))[0].groupId).toBeNull();
    expect((await audits("statusGroup", a.id)).map((r) => r.action)).toEqual(["delete", "update", "create"]);
  });
});

describe("configurable lists (B4, B5, B8, B9)", () => {
  it("each kind has its own list: create, edit, reorder, deactivate; names unique within a kind", async () => {
    const api = createCaller(testContext(deps, admin));
    const gold = await api.fieldOption.create({ kind: "serviceContract", name: `Gold ${stamp}`, nameDe: "Gold", colour: "#EAB308" });
    const silver = await createFieldOption(deps.db, admin, { kind: "serviceContract", name: `Silver ${stamp}`, nameDe: null, colour: null });
    expect(gold).toMatchObject({ kind: "serviceContract", name: `Gold ${stamp}`, colour: "#eab308", active: true, ticketCount: 0 });
    // The same name in another list is fine; in the same list it is not (regardless of case).
    await createFieldOption(deps.db, admin, { kind: "topic", name: `Gold ${stamp}`, nameDe: null, colour: null });
    const dup = await http("fieldOption.create", { kind: "serviceContract", name: `gold ${stamp}`, nameDe: null, colour: null });
    expect(dup.error?.data.fieldErrors).toEqual({ name: [`This list already has an entry named “Gold ${stamp}”`] });
    const bad = await http("fieldOption.create", { kind: "nonsense", name: " ", nameDe: null, colour: "#abc" });
    expect(Object.keys(bad.error?.data.fieldErrors ?? {}).sort()).toEqual(["colour", "kind", "name"]);

    const ours = async () => (await listFieldOptions(deps.db, admin, { kind: "serviceContract" })).filter((o) => o.name.endsWith(stamp)).map((o) => o.name);
    expect(await ours()).toEqual([`Gold ${stamp}`, `Silver ${stamp}`]);
    await moveFieldOption(deps.db, admin, silver.id, "up");
    expect((await ours()).slice(0, 2)).toEqual([`Silver ${stamp}`, `Gold ${stamp}`]);

    const renamed = await updateFieldOption(deps.db, admin, gold.id, { name: `Gold+ ${stamp}`, nameDe: "Gold plus", colour: null });
    expect(renamed).toMatchObject({ name: `Gold+ ${stamp}`, nameDe: "Gold plus", colour: null, kind: "serviceContract" });
    const off = await setFieldOptionActive(deps.db, admin, gold.id, false);
    expect(off.active).toBe(false);
    expect((await audits("fieldOption", gold.id)).map((r) => r.action)).toEqual(["update", "update", "create"]);
    expect((await audits("fieldOption", gold.id))[0].changes).toEqual({ active: { from: true, to: false } });
  });

  it("an entry tickets have is not deleted: refused with the count", async () => {
    const brand = await createFieldOption(deps.db, admin, { kind: "brand", name: `Shop ${stamp}`, nameDe: null, colour: null });
    const q = await createQueue(deps.db, admin, { name: `Brands ${stamp}`, nameDe: null, groupName: null, description: null, customersSeeEachOther: false });
    for (const title of ["one", "two"]) {
      const t = await createTicket(deps, admin, { title, queueId: q.id, customerEmail: "b@customer.test", body: "x" });
      await deps.db.update(tickets).set({ brandId: brand.id }).where(eq(tickets.id, t.id));
    }
    expect((await listFieldOptions(deps.db, admin, { kind: "brand" })).find((o) => o.id === brand.id)?.ticketCount).toBe(2);
    const refused = await http("fieldOption.delete", { id: brand.id });
    expect(refused.error?.data.code).toBe("CONFLICT");
    expect(refused.error?.message).toBe(`“Shop ${stamp}” is used by 2 tickets and cannot be deleted; deactivate it instead`);
    expect(await deps.db.select().from(fieldOptions).where(eq(fieldOptions.id, brand.id))).toHaveLength(1);

    // A ticket role counts the tickets where a further owner has it; unused, it is deleted, with an audit row.
    const role = await createFieldOption(deps.db, admin, { kind: "ticketRole", name: `Project lead ${stamp}`, nameDe: "Projektleitung", colour: null });
    const [first] = await deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.brandId, brand.id)).limit(1);
    await deps.db.insert(ticketOwners).values({ ticketId: first.id, userId: admin.userId, roleId: role.id });
    expect((await listFieldOptions(deps.db, admin, { kind: "ticketRole" })).find((o) => o.id === role.id)?.ticketCount).toBe(1);
    await expect(deleteFieldOption(deps.db, admin, role.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await deps.db.delete(ticketOwners).where(eq(ticketOwners.roleId, role.id));
    await deleteFieldOption(deps.db, admin, role.id);
    expect(await deps.db.select().from(fieldOptions).where(eq(fieldOptions.id, role.id))).toEqual([]);
    expect((await audits("fieldOption", role.id))[0]).toMatchObject({ action: "delete", entityLabel: `ticketRole: Project lead ${stamp}` });
    await expect(deleteFieldOption(deps.db, admin, role.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is for admins only", async () => {
    const o = await createFieldOption(deps.db, admin, { kind: "source", name: `Phone ${stamp}`, nameDe: "Telefon", colour: null });
    const g = await createStatusGroup(deps.db, admin, { name: `Guarded ${stamp}`, nameDe: null, colour: "#000000" });
    const asAgent = createCaller(testContext(deps, agent));
    await expect(asAgent.fieldOption.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAgent.fieldOption.create({ kind: "source", name: "x", nameDe: null, colour: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAgent.fieldOption.setActive({ id: o.id, active: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAgent.fieldOption.delete({ id: o.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAgent.statusGroup.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asAgent.statusGroup.delete({ id: g.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteFieldOption(deps.db, agent, o.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(moveStatusGroup(deps.db, agent, g.id, "up")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await deps.db.select().from(fieldOptions).where(eq(fieldOptions.id, o.id))).toHaveLength(1);
  });
});
