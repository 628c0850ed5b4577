import { z } from "zod";
import { FIELD_LIMITS } from "../../../lib/field-limits";
import { readSettings, settingDefinitions, updateSettings, type SettingValues } from "../../domain/config/settings";
import { adminProcedure, router } from "../trpc";

/** The admin settings as the UI sees them (stored under the dotted keys of server/domain/config/settings.ts). */
export interface AdminSettings {
  /** `mail.allowPrivateHosts`: mail servers on loopback/link-local addresses are allowed. */
  allowPrivateHosts: boolean;
  /** `mail.testModeAddress`: when set, all outgoing mail goes to this address. */
  testModeAddress: string | null;
  /** `tickets.claimNotifiesCustomer` / `tickets.claimMessage` (C10). */
  claimNotifiesCustomer: boolean;
  /** Null: the standard text in the claiming agent's language (the page shows it in the reader's). */
  claimMessage: string | null;
  /** `attachments.allowedTypes` (D7). */
  allowedFileTypes: SettingValues["attachments.allowedTypes"];
  /** `attachments.maxSizeMb` (D7). */
  maxAttachmentMb: number;
}

export const settingsUpdateInput = z.object({
  allowPrivateHosts: z.boolean({ error: "Choose yes or no" }).optional(),
  testModeAddress: z
    .string({ error: "Enter an e-mail address or leave the field empty" })
    .nullish()
    .transform((v) => (v?.trim() ? v.trim().toLowerCase() : null))
    .pipe(z.email("Enter a valid e-mail address or leave the field empty").max(320, "The address is too long").nullable())
    .optional(),
  claimNotifiesCustomer: z.boolean({ error: "Choose yes or no" }).optional(),
  claimMessage: z.string().trim().min(1, "errors.field.required").max(FIELD_LIMITS.claimMessage, "errors.field.tooLong").optional(),
  allowedFileTypes: settingDefinitions["attachments.allowedTypes"].schema.optional(),
  maxAttachmentMb: settingDefinitions["attachments.maxSizeMb"].schema.optional(),
});

const toApi = (s: SettingValues): AdminSettings => ({
  allowPrivateHosts: s["mail.allowPrivateHosts"],
  testModeAddress: s["mail.testModeAddress"],
  claimNotifiesCustomer: s["tickets.claimNotifiesCustomer"],
  claimMessage: s["tickets.claimMessage"],
  allowedFileTypes: s["attachments.allowedTypes"],
  maxAttachmentMb: s["attachments.maxSizeMb"],
});

export const settingsRouter = router({
  get: adminProcedure.query(async ({ ctx }) => toApi(await readSettings(ctx.deps.db, ctx.actor))),
  /** Fields left out stay as they are. */
  update: adminProcedure.input(settingsUpdateInput).mutation(async ({ ctx, input }) => {
    const changes: Partial<SettingValues> = {};
    if (input.allowPrivateHosts !== undefined) changes["mail.allowPrivateHosts"] = input.allowPrivateHosts;
    if (input.testModeAddress !== undefined) changes["mail.testModeAddress"] = input.testModeAddress;
    if (input.claimNotifiesCustomer !== undefined) changes["tickets.claimNotifiesCustomer"] = input.claimNotifiesCustomer;
    if (input.claimMessage !== undefined) changes["tickets.claimMessage"] = input.claimMessage;
    if (input.allowedFileTypes !== undefined) changes["attachments.allowedTypes"] = input.allowedFileTypes;
    if (input.maxAttachmentMb !== undefined) changes["attachments.maxSizeMb"] = input.maxAttachmentMb;
    return toApi(await updateSettings(ctx.deps.db, ctx.actor, changes));
  }),
});
