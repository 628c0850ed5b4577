import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import postgres from "postgres";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { connectDb, type DbHandle } from "../../../db/client";
import { runMigrations } from "../../../db/migrate";
import { statuses } from "../../../db/schema";
import { ensureQueue } from "../../../db/seed";
import { TEST_APP_SECRET, makeUser } from "../../../db/testing/test-deps";
import { createCaller } from "../../api/root";
import { mailRuleCreateInput } from "../../api/routers/mailRule";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import type { Deps } from "../events";
import type { MailRuleDraft } from "./rules";
import {
  createRule, deleteRule, listRules, loadActiveRules, moveRule, reorderRules, setRuleActive, updateRule,
} from "./rules-store";

// Rules apply to every mail, so these tests get a database of their own: rules made here
// must not meet the ingest tests' mails, and reordering needs to know every rule.
let handle: DbHandle;
let deps: Deps;
let dropDb: () => Promise<void>;
let admin: Extract<Actor, { kind: "user" }>;
let agent: Extract<Actor, { kind: "user" }>;
let support: number;
let sales: number;
let salesOpen: number;
let supportOpen: number;

beforeAll(async () => {
  const shared = new URL(inject("databaseUrl"));
  const name = `${shared.pathname.slice(1)}_rules_${process.pid}`;
  const server = postgres(shared.toString(), { max: 1, onnotice: () => {} });
  await server.unsafe(`create database "${name}"`);
  const url = new URL(shared);
  url.pathname = `/${name}`;
  dropDb = async () => {
    await server.unsafe(`drop database if exists "${name}" with (force)`);
    await server.end();
  };
  await runMigrations(url.toString());
  handle = connectDb(url.toString(), { max: 4 });
  deps = { db: handle.db, publish: () => {}, jobs: { enqueue: async () => {} }, fallbackFrom: "support@helpdesk.test" };
  support = await ensureQueue(handle.db, "Support", 0);
  sales = await ensureQueue(handle.db, "Sales", 1);
  const all = await handle.db.select().from(statuses);
  salesOpen = all.find((s) => s.queueId === sales && s.name === "Open")!.id;
  supportOpen = all.find((s) => s.queueId === support && s.name === "Open")!.id;
  admin = await makeUser(deps, "admin");
  agent = await makeUser(deps, "agent");
});

afterAll(async () => {
  await handle?.close();
  await dropDb?.();
});

const draft = (over: Partial<MailRuleDraft> = {}): MailRuleDraft => ({
  name: "Invoices",
  active: true,
  match: "all",
  conditions: [{ field: "subject", op: "contains", value: "Rechnung" }],
  actions: { mode: "create", queueId: sales, priority: 4 },
  ...over,
});

async function clear() {
  for (const r of await listRules(deps.db, admin)) await deleteRule(deps.db, admin, r.id);
}

async function errorOf(p: Promise<unknown>): Promise<{ code: string; field?: unknown; message: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, field: err.details?.field, message: err.message };
    if (err instanceof TRPCError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error("expected an error");
}

const caller = (actor: Actor | null) => createCaller({ deps, actor, appSecret: TEST_APP_SECRET });
const names = async () => (await listRules(deps.db, admin)).map((r) => r.name);

describe("rules store", () => {
  it("only admins may read or change rules", async () => {
    await clear();
    const rule = await createRule(deps.db, admin, draft());
    expect((await errorOf(listRules(deps.db, agent))).code).toBe("FORBIDDEN");
    expect((await errorOf(createRule(deps.db, agent, draft()))).code).toBe("FORBIDDEN");
    expect((await errorOf(updateRule(deps.db, agent, rule.id, draft({ name: "x" })))).code).toBe("FORBIDDEN");
    expect((await errorOf(setRuleActive(deps.db, agent, rule.id, false))).code).toBe("FORBIDDEN");
    expect((await errorOf(moveRule(deps.db, agent, rule.id, "up"))).code).toBe("FORBIDDEN");
    expect((await errorOf(reorderRules(deps.db, agent, [rule.id]))).code).toBe("FORBIDDEN");
    expect((await errorOf(deleteRule(deps.db, agent, rule.id))).code).toBe("FORBIDDEN");
    expect((await errorOf(createRule(deps.db, { kind: "system" }, draft()))).code).toBe("FORBIDDEN");
    expect(await names()).toEqual(["Invoices"]);
  });

  it("saves a rule, appends new ones at the end, and keeps the position on update", async () => {
    await clear();
    const a = await createRule(deps.db, admin, draft({ name: " A ", actions: { mode: "create", queueId: sales, statusId: salesOpen, priority: 4, tags: ["billing", " Billing ", "x"] } }));
    const b = await createRule(deps.db, admin, draft({ name: "B" }));
    expect(a.name).toBe("A");
    expect(a.actions).toEqual({ mode: "create", queueId: sales, statusId: salesOpen, priority: 4, tags: ["billing", "x"] });
    expect(b.position).toBeGreaterThan(a.position);
    const updated = await updateRule(deps.db, admin, a.id, draft({ name: "A2", match: "any", actions: { mode: "ignore", queueId: sales } }));
    expect(updated).toMatchObject({ id: a.id, name: "A2", match: "any", position: a.position, actions: { mode: "ignore" } });
    expect(await names()).toEqual(["A2", "B"]);
    expect((await errorOf(updateRule(deps.db, admin, 999_999, draft()))).code).toBe("NOT_FOUND");
    expect((await errorOf(deleteRule(deps.db, admin, 999_999))).code).toBe("NOT_FOUND");
  });

  it("refuses a status of another queue, and unknown queues and statuses, naming the field", async () => {
    expect(await errorOf(createRule(deps.db, admin, draft({ actions: { mode: "create", queueId: sales, statusId: supportOpen } })))).toMatchObject({
      code: "INVALID", field: "actions.statusId", message: expect.stringContaining("Support"),
    });
    expect(await errorOf(createRule(deps.db, admin, draft({ actions: { mode: "create", queueId: 999_999 } })))).toMatchObject({
      code: "INVALID", field: "actions.queueId",
    });
    expect(await errorOf(createRule(deps.db, admin, draft({ actions: { mode: "create", statusId: 999_999 } })))).toMatchObject({
      code: "INVALID", field: "actions.statusId",
    });
    // Without a queue the status is checked against the ticket's queue at ingest time.
    const ok = await createRule(deps.db, admin, draft({ name: "Status only", actions: { mode: "append", statusId: supportOpen } }));
    expect(ok.actions).toEqual({ mode: "append", statusId: supportOpen });
  });

  it("refuses what zod would refuse when called without the API (invalid regex)", async () => {
    const bad = draft({ conditions: [{ field: "subject", op: "contains", value: "a" }, { field: "body", op: "regex", value: "([" }] });
    expect(await errorOf(createRule(deps.db, admin, bad))).toMatchObject({
      code: "INVALID", field: "conditions.1.value", message: expect.stringMatching(/^Invalid regular expression/),
    });
    expect(await errorOf(createRule(deps.db, admin, draft({ conditions: [] })))).toMatchObject({ code: "INVALID", field: "conditions" });
  });

  it("moves rules up and down, reorders them, and loads only active ones in order", async () => {
    await clear();
    const [a, b, c] = [
      await createRule(deps.db, admin, draft({ name: "a" })),
      await createRule(deps.db, admin, draft({ name: "b" })),
      await createRule(deps.db, admin, draft({ name: "c" })),
    ];
    await moveRule(deps.db, admin, c.id, "up");
    expect(await names()).toEqual(["a", "c", "b"]);
    await moveRule(deps.db, admin, a.id, "up"); // already first
    await moveRule(deps.db, admin, b.id, "down"); // already last
    expect(await names()).toEqual(["a", "c", "b"]);
    await moveRule(deps.db, admin, a.id, "down");
    expect(await names()).toEqual(["c", "a", "b"]);
    await reorderRules(deps.db, admin, [b.id, a.id, c.id]);
    expect(await names()).toEqual(["b", "a", "c"]);
    expect((await errorOf(reorderRules(deps.db, admin, [b.id, a.id])))).toMatchObject({ code: "CONFLICT" });
    expect((await errorOf(reorderRules(deps.db, admin, [b.id, a.id, a.id])))).toMatchObject({ code: "CONFLICT" });
    expect((await errorOf(moveRule(deps.db, admin, 999_999, "up")))).toMatchObject({ code: "NOT_FOUND" });

    await setRuleActive(deps.db, admin, a.id, false);
    expect((await loadActiveRules(deps.db)).map((r) => r.name)).toEqual(["b", "c"]);
  });
});

describe("mailRule API", () => {
  const raw = (subject: string, extra: string[] = []) =>
    [
      "From: Vera Vendor <billing@vendor.example>",
      "To: support@helpdesk.test",
      `Subject: ${subject}`,
      "Message-ID: <dry-run@vendor.example>",
      ...extra,
      "",
      "Invoice attached.",
    ].join("\n");

  it("is for admins only", async () => {
    const asAgent = caller(agent);
    const anon = caller(null);
    const code = (p: Promise<unknown>) => errorOf(p).then((e) => e.code);
    expect(await code(asAgent.mailRule.list())).toBe("FORBIDDEN");
    expect(await code(asAgent.mailRule.create(draft()))).toBe("FORBIDDEN");
    expect(await code(asAgent.mailRule.dryRun({ raw: raw("x") }))).toBe("FORBIDDEN");
    expect(await code(anon.mailRule.list())).toBe("UNAUTHORIZED");
  });

  it("validates every field and names it by its whole path", () => {
    const flat = (input: unknown) => {
      const r = mailRuleCreateInput.safeParse(input);
      return (r.success ? {} : z.flattenError(r.error).fieldErrors) as Record<string, string[] | undefined>;
    };
    const bad = flat({
      ...draft(),
      name: "",
      conditions: [
        { field: "subject", op: "contains", value: "ok" },
        { field: "body", op: "regex", value: "([" },
        { field: "header:", op: "equals", value: "x" },
        { field: "subject", op: "like", value: "a".repeat(501) },
      ],
      actions: { mode: "archive", priority: 9, tags: ["x".repeat(51)] },
    });
    expect(bad["conditions.1.value"]?.[0]).toMatch(/^Invalid regular expression: /);
    expect(Object.keys(bad).sort()).toEqual([
      "actions.mode", "actions.priority", "actions.tags.0", "conditions.1.value", "conditions.2.field",
      "conditions.3.op", "conditions.3.value", "name",
    ]);
    expect(flat({ ...draft(), conditions: [] })).toEqual({ conditions: ["Add at least one condition"] });
    expect(flat({ ...draft(), actions: { mode: "append", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } })).toHaveProperty(["actions.tags"]);
    expect(flat(draft())).toEqual({});
  });

  it("refuses an invalid regex through the API with a field error on that condition", async () => {
    const asAdmin = caller(admin);
    const before = (await asAdmin.mailRule.list()).length;
    const conditions = [{ field: "subject", op: "contains" as const, value: "a" }, { field: "body", op: "regex" as const, value: "a(b" }];
    const err = await asAdmin.mailRule.create(draft({ conditions })).then(() => null, (e: unknown) => e);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    const fieldErrors = z.flattenError((err as TRPCError).cause as z.ZodError).fieldErrors as Record<string, string[]>;
    expect(fieldErrors["conditions.1.value"]?.[0]).toMatch(/^Invalid regular expression: /);
    expect((await asAdmin.mailRule.list()).length).toBe(before);
  });

  it("turns a status of another queue into a field error", async () => {
    const asAdmin = caller(admin);
    const err = await asAdmin.mailRule
      .create(draft({ actions: { mode: "create", queueId: sales, statusId: supportOpen } }))
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect(z.flattenError((err as TRPCError).cause as z.ZodError).fieldErrors).toHaveProperty(["actions.statusId"]);
  });

  it("dry run names the first matching active rule and what it would do; nothing else", async () => {
    await clear();
    const asAdmin = caller(admin);
    const spam = await asAdmin.mailRule.create(
      draft({ name: "Spam", conditions: [{ field: "header:x-spam-flag", op: "equals", value: "YES" }], actions: { mode: "ignore" } }),
    );
    const invoices = await asAdmin.mailRule.create(
      draft({ name: "Invoices", actions: { mode: "create", queueId: sales, statusId: salesOpen, priority: 4, tags: ["billing"] } }),
    );
    const off = await asAdmin.mailRule.create(draft({ name: "Off", active: false, conditions: [{ field: "from", op: "contains", value: "vendor" }] }));
    await asAdmin.mailRule.move({ id: off.id, direction: "up" });
    await asAdmin.mailRule.move({ id: off.id, direction: "up" });
    expect((await asAdmin.mailRule.list()).map((r) => r.name)).toEqual(["Off", "Spam", "Invoices"]);

    const hit = await asAdmin.mailRule.dryRun({ raw: raw("Rechnung 42") });
    expect(hit.mail).toMatchObject({ from: "billing@vendor.example", to: ["support@helpdesk.test"], subject: "Rechnung 42" });
    expect(hit.match).toEqual({
      ruleId: invoices.id, ruleName: "Invoices", queueName: "Sales", statusName: "Open",
      actions: { mode: "create", queueId: sales, statusId: salesOpen, priority: 4, tags: ["billing"] },
    });

    expect((await asAdmin.mailRule.dryRun({ raw: raw("Hello") })).match).toBeNull();

    // Header rules see the parser's headers; the earlier rule wins over the invoice rule.
    const spamRun = await asAdmin.mailRule.dryRun({ raw: raw("Rechnung 43", ["x-spam-flag: yes"]) });
    expect(spamRun.mail.headerCount).toBeGreaterThan(0);
    expect(spamRun.match).toMatchObject({ ruleId: spam.id, ruleName: "Spam", actions: { mode: "ignore" } });

    await asAdmin.mailRule.setActive({ id: invoices.id, active: false });
    expect((await asAdmin.mailRule.dryRun({ raw: raw("Rechnung 42") })).match).toBeNull();
  });

  it("dry run refuses what is not a mail, as an error on the pasted text", async () => {
    const asAdmin = caller(admin);
    const err = await asAdmin.mailRule.dryRun({ raw: "just some words" }).then(() => null, (e: unknown) => e);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect((err as TRPCError).message).toMatch(/could not be read/);
    expect(z.flattenError((err as TRPCError).cause as z.ZodError).fieldErrors).toHaveProperty(["raw"]);
  });
});
