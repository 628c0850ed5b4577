import type { RouterInputs, RouterOutputs } from "@/app/_lib/api-types";

/** Shapes of the mail-rule API, as the rules page uses them. */
export type MailRuleRow = RouterOutputs["mailRule"]["list"][number];
export type MailRuleDraft = RouterInputs["mailRule"]["create"];
export type RuleCondition = MailRuleDraft["conditions"][number];
export type RuleActions = MailRuleRow["actions"];
export type RuleMode = RuleActions["mode"];
export type RuleOp = RuleCondition["op"];
export type DryRunResult = RouterOutputs["mailRule"]["dryRun"];
export type QueueWithStatuses = RouterOutputs["ticket"]["queues"][number];

export const ruleModes: RuleMode[] = ["create", "append", "ignore"];
export const ruleOps: RuleOp[] = ["contains", "equals", "regex"];
/** What the field select offers; "header" stands for `header:<Name>`. */
export const ruleFieldKinds = ["from", "to", "subject", "body", "header"] as const;
export type RuleFieldKind = (typeof ruleFieldKinds)[number];
export const MAX_PRIORITY = 5;
