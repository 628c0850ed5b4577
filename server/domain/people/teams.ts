import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { teamMembers, teams, ticketTeamWatchers, tickets, users } from "../../../db/schema";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import { AppError, notFound } from "../errors";
import { assertAdmin, assertCanWriteTicket, canReadTicket, isStaff, ticketAccessColumns } from "../permissions";

/**
 * Teams (E4, C12): named groups of staff users, kept by admins. A team can watch a ticket as
 * a whole; each member is then told about new entries like a watcher of their own, as far as
 * they may read the ticket (notifications check every recipient).
 */

export interface TeamView {
  id: number;
  name: string;
  memberIds: number[];
}

function fieldError(field: "name" | "memberIds", message: string): AppError {
  return new AppError("INVALID", message, { fieldErrors: { [field]: [message] } });
}

/** Every team with its members; staff see them to choose watchers, admins to keep them. */
export async function listTeams(db: DbOrTx, actor: Actor): Promise<TeamView[]> {
  if (!isStaff(actor)) throw notFound("Team");
  const [rows, members] = await Promise.all([
    db.select().from(teams).orderBy(asc(teams.name)),
    db.select().from(teamMembers),
  ]);
  return rows.map((t) => ({ id: t.id, name: t.name, memberIds: members.filter((m) => m.teamId === t.id).map((m) => m.userId) }));
}

async function readTeam(db: DbOrTx, id: number): Promise<TeamView> {
  const [team] = await db.select().from(teams).where(eq(teams.id, id));
  if (!team) throw notFound("Team");
  const members = await db.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, id));
  return { id: team.id, name: team.name, memberIds: members.map((m) => m.userId).sort((a, b) => a - b) };
}

async function checkedInput(db: DbOrTx, input: { name: string; memberIds: number[] }, exceptId: number | null) {
  const name = input.name.trim();
  if (!name) throw fieldError("name", "Enter the team's name");
  const [taken] = await db.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  if (taken && taken.id !== exceptId) throw fieldError("name", "Another team already has this name");
  const memberIds = [...new Set(input.memberIds)];
  if (memberIds.length) {
    const known = await db.select({ id: users.id }).from(users).where(inArray(users.id, memberIds));
    if (known.length !== memberIds.length) throw fieldError("memberIds", "Choose existing users");
  }
  return { name, memberIds };
}

/** Creates a team (id null) or replaces its name and members. */
export async function saveTeam(db: DbOrTx, actor: Actor, id: number | null, input: { name: string; memberIds: number[] }): Promise<TeamView> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const before = id === null ? null : await readTeam(tx, id);
    const { name, memberIds } = await checkedInput(tx, input, id);
    const teamId =
      id === null
        ? (await tx.insert(teams).values({ name }).returning({ id: teams.id }))[0].id
        : (await tx.update(teams).set({ name }).where(eq(teams.id, id)).returning({ id: teams.id }))[0].id;
    await tx.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
    if (memberIds.length) await tx.insert(teamMembers).values(memberIds.map((userId) => ({ teamId, userId })));
    const after = await readTeam(tx, teamId);
    await recordAudit(tx, actor, { entity: "team", entityId: teamId, label: name, before: before && { ...before }, after: { ...after } });
    return after;
  });
}

export async function deleteTeam(db: DbOrTx, actor: Actor, id: number): Promise<void> {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    const before = await readTeam(tx, id);
    await tx.delete(teams).where(eq(teams.id, id));
    await recordAudit(tx, actor, { entity: "team", entityId: id, label: before.name, before: { ...before }, after: null });
  });
}

async function readableTicket(db: DbOrTx, actor: Actor, ticketId: number) {
  const [t] = await db.select({ id: tickets.id, ...ticketAccessColumns }).from(tickets).where(eq(tickets.id, ticketId));
  if (!t || !canReadTicket(actor, t)) throw notFound("Ticket");
  return t;
}

/** The teams watching a ticket. */
export async function teamsWatching(db: DbOrTx, actor: Actor, ticketId: number): Promise<{ id: number; name: string }[]> {
  await readableTicket(db, actor, ticketId);
  return db
    .select({ id: teams.id, name: teams.name })
    .from(ticketTeamWatchers)
    .innerJoin(teams, eq(teams.id, ticketTeamWatchers.teamId))
    .where(eq(ticketTeamWatchers.ticketId, ticketId))
    .orderBy(asc(teams.name));
}

/** A team starts or stops watching; adding a whole team needs the right to change the ticket. */
export async function setTeamWatching(db: DbOrTx, actor: Actor, input: { ticketId: number; teamId: number; watching: boolean }): Promise<void> {
  const t = await readableTicket(db, actor, input.ticketId);
  assertCanWriteTicket(actor, t);
  const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, input.teamId));
  if (!team) throw notFound("Team");
  if (input.watching) await db.insert(ticketTeamWatchers).values({ ticketId: t.id, teamId: team.id }).onConflictDoNothing();
  else await db.delete(ticketTeamWatchers).where(and(eq(ticketTeamWatchers.ticketId, t.id), eq(ticketTeamWatchers.teamId, team.id)));
}

/** Members of the teams watching a ticket (watchers.ts adds them to the single watchers). */
export async function teamWatcherUserIds(db: DbOrTx, ticketId: number): Promise<number[]> {
  const rows = await db
    .select({ userId: teamMembers.userId })
    .from(ticketTeamWatchers)
    .innerJoin(teamMembers, eq(teamMembers.teamId, ticketTeamWatchers.teamId))
    .where(eq(ticketTeamWatchers.ticketId, ticketId));
  return rows.map((r) => r.userId);
}
