import { eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { FIELD_LIMITS } from "../../../lib/field-limits";
import type { DbOrTx } from "../../../db/client";
import { settings } from "../../../db/schema";
import { fileTypeIds } from "../../../lib/file-sniff";
import { MAX_UPLOAD_BYTES } from "../../../lib/upload-limits";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import { assertAdmin } from "../permissions";

/**
 * Admin settings that are not per account or queue, stored as JSON in `settings`. Each key
 * has a zod schema and a default; a stored value that no longer fits falls back to the
 * default, so reading never throws.
 */
export const settingDefinitions = {
  /**
   * Allow mail servers on loopback, link-local or unspecified addresses (127/8, ::1,
   * 169.254/16, fe80::/10, 0.0.0.0, ::). Off by default: the app would otherwise connect to
   * services on its own machine for whoever may edit mail accounts.
   */
  "mail.allowPrivateHosts": { schema: z.boolean(), default: false },
  /** When set, every outgoing mail goes to this one address instead (test mode, G7). */
  "mail.testModeAddress": {
    schema: z.string().trim().toLowerCase().email("errors.field.email").max(320).nullable(),
    default: null,
  },
  /** C10: when an agent claims an unowned ticket, the customer gets `tickets.claimMessage`. */
  "tickets.claimNotifiesCustomer": { schema: z.boolean(), default: false },
  /**
   * The text sent on a claim; `{agent}` becomes the agent's name. Null until an admin writes
   * one: then the standard text (messages/*.json `settings.claimMessageDefault`) in the
   * claiming agent's language is sent, so a German desk never mails an English default.
   */
  "tickets.claimMessage": {
    schema: z.string().trim().min(1, "errors.field.required").max(FIELD_LIMITS.claimMessage, "errors.field.tooLong").nullable(),
    default: null,
  },
  /** D7: the file types users may attach (checked by content, not only by name). */
  "attachments.allowedTypes": {
    schema: z.array(z.enum(fileTypeIds, { error: "Choose file types from the list" })),
    default: fileTypeIds,
  },
  /** D7: the largest file users may attach, in MB; never above the server's hard cap. */
  "attachments.maxSizeMb": {
    schema: z
      .number({ error: "Enter a size in MB" })
      .int("Whole MB only")
      .min(1, "At least 1 MB")
      .max(MAX_UPLOAD_BYTES / 1024 / 1024, `At most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`),
    default: MAX_UPLOAD_BYTES / 1024 / 1024,
  },
} as const satisfies Record<string, { schema: z.ZodType; default: unknown }>;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValues = { [K in SettingKey]: z.output<(typeof settingDefinitions)[K]["schema"]> };
export const settingKeys = Object.keys(settingDefinitions) as SettingKey[];

function decode<K extends SettingKey>(key: K, raw: unknown): SettingValues[K] {
  const parsed = settingDefinitions[key].schema.safeParse(raw);
  return (parsed.success ? parsed.data : settingDefinitions[key].default) as SettingValues[K];
}

/** One setting, or its default. No actor: the worker and mail sending read these too. */
export async function getSetting<K extends SettingKey>(db: DbOrTx, key: K): Promise<SettingValues[K]> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row ? decode(key, row.value) : (settingDefinitions[key].default as SettingValues[K]);
}

/** Every setting with defaults filled in. */
export async function getAllSettings(db: DbOrTx): Promise<SettingValues> {
  const rows = await db.select().from(settings).where(inArray(settings.key, settingKeys));
  const out = {} as Record<SettingKey, unknown>;
  for (const key of settingKeys) {
    const row = rows.find((r) => r.key === key);
    out[key] = row ? decode(key, row.value) : settingDefinitions[key].default;
  }
  return out as SettingValues;
}

/** Stores one setting (validated against its schema). Used by tests and set-up code. */
export async function setSetting<K extends SettingKey>(db: DbOrTx, key: K, value: SettingValues[K]): Promise<void> {
  const parsed = settingDefinitions[key].schema.parse(value);
  // A JSON null, not SQL NULL (the column is NOT NULL).
  const json = parsed === null ? sql`'null'::jsonb` : sql`${JSON.stringify(parsed)}::jsonb`;
  await db
    .insert(settings)
    .values({ key, value: json })
    .onConflictDoUpdate({ target: settings.key, set: { value: json, updatedAt: sql`now()` } });
}

/** Admins read the settings page. */
export async function readSettings(db: DbOrTx, actor: Actor): Promise<SettingValues> {
  assertAdmin(actor);
  return getAllSettings(db);
}

/** Admins change some settings at once; keys left out stay as they are. */
export async function updateSettings(db: DbOrTx, actor: Actor, input: Partial<SettingValues>): Promise<SettingValues> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const before = await getAllSettings(tx);
    for (const key of settingKeys) {
      if (input[key] !== undefined) await setSetting(tx, key, input[key] as SettingValues[typeof key]);
    }
    const after = await getAllSettings(tx);
    await recordAudit(tx, actor, { entity: "settings", entityId: null, label: null, before, after });
    return after;
  });
}
