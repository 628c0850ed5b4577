import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** Shapes the UI works with, derived from the API (the UI never imports server/domain). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type TicketListItem = RouterOutputs["ticket"]["list"][number];
export type TicketDetail = RouterOutputs["ticket"]["get"];
export type TicketLock = NonNullable<TicketListItem["lock"]>;
export type TicketViewer = TicketListItem["viewers"][number];
export type TicketListFilter = NonNullable<RouterInputs["ticket"]["list"]["filter"]>;
export type Queue = RouterOutputs["ticket"]["queues"][number];
export type Entry = RouterOutputs["entry"]["list"][number];
export type EntryKind = Entry["kind"];
export type OutboxItem = RouterOutputs["admin"]["outbox"][number];
export type CaughtMail = RouterOutputs["admin"]["caughtMails"][number];
export type QuarantineItem = RouterOutputs["admin"]["quarantine"][number];
