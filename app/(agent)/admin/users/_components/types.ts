import type { RouterInputs, RouterOutputs } from "@/app/_lib/api-types";

/** Shapes of the user-access API (A1–A4), as the users page uses them. */
export type UserAccess = RouterOutputs["user"]["list"][number];
export type UserAccessInput = RouterInputs["user"]["updateAccess"];
export type UserRole = UserAccess["role"];
export type StaffRight = UserAccess["rights"][number];
export type QueueLevel = UserAccess["queues"][number];
export type PendingInvitation = RouterOutputs["user"]["pendingInvitations"][number];
export type QueueOption = Pick<RouterOutputs["queue"]["mailSettings"][number], "id" | "name">;

export const userRoles = ["admin", "agent", "backoffice"] as const satisfies readonly UserRole[];

/** Lowest to highest, as the level select offers them ("" = no access). */
export const queueLevels = ["read_own", "create", "write", "delete_own", "manage"] as const satisfies readonly QueueLevel[];

/** A back-office user's rights, grouped by what they are about; each group lists its actions. */
export const rightGroups = [
  { group: "ticket", actions: ["view", "create", "update", "edit", "delete"] },
  { group: "ticketRoles", actions: ["view", "create", "update"] },
  { group: "statuses", actions: ["view", "create", "update"] },
  { group: "types", actions: ["view", "create", "update"] },
] as const satisfies readonly { group: string; actions: readonly string[] }[];

export type RightGroup = (typeof rightGroups)[number]["group"];
export type RightAction = (typeof rightGroups)[number]["actions"][number];
