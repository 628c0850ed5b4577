/** The status categories (db/schema/queues.ts), in the order a ticket moves through them. */
export type ProgressCategory = "new" | "open" | "pending" | "solved" | "closed";

const percent: Record<ProgressCategory, number> = { new: 0, open: 33, pending: 66, solved: 100, closed: 100 };

/** A child ticket's progress bar (C6) comes from its status category, not a per-status number. */
export const categoryProgress = (category: ProgressCategory): number => percent[category];

/** Solved and closed tickets count as done in a parent's "2 of 3 done". */
export const isDone = (category: ProgressCategory): boolean => category === "solved" || category === "closed";
