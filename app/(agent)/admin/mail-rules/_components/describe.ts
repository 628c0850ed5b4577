import type { Translate } from "@/app/_lib/i18n";
import type { QueueWithStatuses, RuleActions, RuleCondition } from "./types";

/** "Subject contains “Rechnung”", "Header X-Spam-Flag equals “yes”". */
export function describeCondition(c: RuleCondition, t: Translate): string {
  const header = c.field.toLowerCase().startsWith("header:") ? c.field.slice("header:".length) : null;
  const field = header !== null ? t("rules.field.headerNamed", { name: header }) : t(fieldKey(c.field));
  return t("rules.summary.condition", { field, op: t(`rules.op.${c.op}`), value: c.value });
}

function fieldKey(field: string) {
  switch (field) {
    case "from":
      return "rules.field.from" as const;
    case "to":
      return "rules.field.to" as const;
    case "body":
      return "rules.field.body" as const;
    default:
      return "rules.field.subject" as const;
  }
}

export function describeConditions(conditions: RuleCondition[], match: "all" | "any", t: Translate): string {
  return conditions.map((c) => describeCondition(c, t)).join(match === "any" ? t("rules.summary.or") : t("rules.summary.and"));
}

/** "create ticket in Sales, status Open, priority 4, tags billing". */
export function describeActions(
  a: RuleActions,
  t: Translate,
  names: { queueName?: string | null; statusName?: string | null } = {},
): string {
  if (a.mode === "ignore") return t("rules.do.ignore");
  const queue = names.queueName ?? (a.queueId !== undefined ? `#${a.queueId}` : null);
  const parts = [
    queue ? t(a.mode === "create" ? "rules.do.createIn" : "rules.do.appendIn", { queue }) : t(`rules.do.${a.mode}`),
  ];
  const status = names.statusName ?? (a.statusId !== undefined ? `#${a.statusId}` : null);
  if (status) parts.push(t("rules.do.status", { status }));
  if (a.priority !== undefined) parts.push(t("rules.do.priority", { priority: a.priority }));
  if (a.tags?.length) parts.push(t("rules.do.tags", { tags: a.tags.join(", ") }));
  return parts.join(", ");
}

/** Queue and status names for a rule's actions, from `ticket.queues`. */
export function actionNames(a: RuleActions, queues: QueueWithStatuses[] | undefined) {
  const queueName = queues?.find((q) => q.id === a.queueId)?.name ?? null;
  const statusName = queues?.flatMap((q) => q.statuses).find((s) => s.id === a.statusId)?.name ?? null;
  return { queueName, statusName };
}
