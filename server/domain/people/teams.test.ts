import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, notifications } from "../../../db/schema";
import { ensureQueue } from "../../../db/seed";
import { makeUser, testDeps } from "../../../db/testing/test-deps";
import { addInternalComment } from "../conversation/entries";
import { deleteTeam, listTeams, saveTeam, setTeamWatching, teamsWatching } from "./teams";
import { createTicket } from "../tickets/tickets";
import { watcherUserIds } from "../tickets/watchers";

const deps = testDeps();
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
let queueId: number;
beforeAll(async () => {
  queueId = await ensureQueue(deps.db, `Teams ${stamp}`, 92);
});
afterAll(() => deps.handle.close());

describe("teams as watchers (E4, C12)", () => {
  it("an admin keeps teams; each change is audited; others cannot", async () => {
    const admin = await makeUser(deps, "admin");
    const [a, b] = [await makeUser(deps), await makeUser(deps)];
    const team = await saveTeam(deps.db, admin, null, { name: ` Second level ${stamp} `, memberIds: [a.userId, b.userId, a.userId] });
    expect(team).toMatchObject({ name: `Second level ${stamp}`, memberIds: [a.userId, b.userId].sort((x, y) => x - y) });
    const renamed = await saveTeam(deps.db, admin, team.id, { name: `2nd level ${stamp}`, memberIds: [a.userId] });
    expect(renamed.memberIds).toEqual([a.userId]);
    const audit = await deps.db.select().from(auditLog).where(and(eq(auditLog.entity, "team"), eq(auditLog.entityId, String(team.id))));
    expect(audit.map((r) => r.action)).toEqual(["create", "update"]);
    await expect(saveTeam(deps.db, admin, null, { name: `2nd level ${stamp}`, memberIds: [] })).rejects.toMatchObject({
      details: { fieldErrors: { name: ["Another team already has this name"] } },
    });
    await expect(saveTeam(deps.db, a, null, { name: `Mine ${stamp}`, memberIds: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listTeams(deps.db, a)).some((t) => t.id === team.id)).toBe(true);
    await deleteTeam(deps.db, admin, team.id);
    expect((await listTeams(deps.db, a)).some((t) => t.id === team.id)).toBe(false);
  });

  it("a watching team's members are told of new entries, as far as they may read the ticket", async () => {
    const admin = await makeUser(deps, "admin");
    const agent = await makeUser(deps, "agent", { queues: { [queueId]: "manage" } });
    const member = await makeUser(deps, "agent", { queues: { [queueId]: "manage" } });
    const outsider = await makeUser(deps, "agent", { queues: {} });
    const team = await saveTeam(deps.db, admin, null, { name: `Watchers ${stamp}`, memberIds: [member.userId, outsider.userId] });
    const t = await createTicket(deps, agent, { title: "Team watch", queueId, customerEmail: `t-${stamp}@customer.test`, body: "x" });

    await setTeamWatching(deps.db, agent, { ticketId: t.id, teamId: team.id, watching: true });
    expect(await teamsWatching(deps.db, agent, t.id)).toEqual([{ id: team.id, name: `Watchers ${stamp}` }]);
    expect(await watcherUserIds(deps.db, t.id)).toEqual(expect.arrayContaining([agent.userId, member.userId, outsider.userId]));

    await addInternalComment(deps, agent, { ticketId: t.id, body: "Team, please look" });
    const told = async (userId: number) =>
      (await deps.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.ticketId, t.id)))).length;
    expect(await told(member.userId)).toBe(1);
    expect(await told(outsider.userId)).toBe(0); // a member who may not read the ticket gets nothing

    // Adding a team needs write rights; reading is not enough.
    const viewer = await makeUser(deps, "backoffice", { queues: { [queueId]: "manage" }, rights: ["ticket.view"] });
    await expect(setTeamWatching(deps.db, viewer, { ticketId: t.id, teamId: team.id, watching: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(teamsWatching(deps.db, outsider, t.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    await setTeamWatching(deps.db, agent, { ticketId: t.id, teamId: team.id, watching: false });
    expect(await watcherUserIds(deps.db, t.id)).not.toContain(member.userId);
  });
});
