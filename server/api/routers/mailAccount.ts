import { z } from "zod";
import {
  createMailAccount, deleteMailAccount, getMailAccount, listMailAccounts, setMailAccountActive,
  testMailAccountFetch, testMailAccountSend, updateMailAccount, type ConnectionTestInput,
} from "../../domain/mail/mail-accounts";
import { adminProcedure, router } from "../trpc";

const id = z.number({ error: "Missing id" }).int().positive();
const MB = 1024 * 1024;

const blankToNull = (v: string | null | undefined): string | null => {
  const t = v?.trim() ?? "";
  return t === "" ? null : t;
};
/** Text that ends up in a mail header or an IMAP command: no line breaks or control characters. */
// eslint-disable-next-line no-control-regex
const singleLine = (v: string | null) => v === null || !/[\u0000-\u001f\u007f]/.test(v);

const host = (which: "IMAP" | "SMTP") =>
  z
    .string({ error: `Enter the ${which} server's host name` })
    .trim()
    .min(1, `Enter the ${which} server's host name`)
    .max(253, `The ${which} host name is too long`)
    .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._:-]+)$/, `Enter a host name like ${which.toLowerCase()}.example.com or an IP address`);
const port = (which: "IMAP" | "SMTP") =>
  z
    .number({ error: `Enter the ${which} port` })
    .int(`The ${which} port is a whole number`)
    .min(1, `Enter an ${which} port between 1 and 65535`)
    .max(65535, `Enter an ${which} port between 1 and 65535`);
const encryption = (which: "IMAP" | "SMTP") =>
  z.enum(["ssl", "starttls", "none"], { error: `Choose the ${which} encryption: SSL/TLS, STARTTLS or none` });
const password = (which: "IMAP" | "SMTP") =>
  z.string({ error: `Enter the ${which} password` }).max(1000, `The ${which} password is too long`).nullish();

const imapFields = {
  imapHost: host("IMAP"),
  imapPort: port("IMAP"),
  imapEncryption: encryption("IMAP"),
  imapUser: z
    .string({ error: "Enter the IMAP user name" })
    .trim()
    .min(1, "Enter the IMAP user name")
    .max(320, "The IMAP user name is too long")
    .refine(singleLine, "The IMAP user name must be one line"),
  imapPassword: password("IMAP"),
};
const smtpFields = {
  smtpHost: host("SMTP"),
  smtpPort: port("SMTP"),
  smtpEncryption: encryption("SMTP"),
  /** Empty: send without logging in. */
  smtpUser: z
    .string({ error: "Enter the SMTP user name or leave it empty" })
    .max(320, "The SMTP user name is too long")
    .nullish()
    .transform(blankToNull)
    .refine(singleLine, "The SMTP user name must be one line"),
  smtpPassword: password("SMTP"),
};

const accountFields = z.object({
  address: z
    .string({ error: "Enter the mailbox's e-mail address" })
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter a valid e-mail address").max(320, "The address is too long")),
  senderName: z
    .string({ error: "Enter a sender name or leave it empty" })
    .max(200, "The sender name is too long (at most 200 characters)")
    .nullish()
    .transform(blankToNull)
    .refine(singleLine, "The sender name must be one line"),
  replyTo: z
    .string({ error: "Enter a reply-to address or leave it empty" })
    .nullish()
    .transform((v) => blankToNull(v)?.toLowerCase() ?? null)
    .pipe(z.email("Enter a valid reply-to address or leave it empty").max(320, "The reply-to address is too long").nullable()),
  active: z.boolean({ error: "Active must be yes or no" }).default(true),
  ...imapFields,
  ...smtpFields,
  queueId: id.nullish().transform((v) => v ?? null),
  statusId: z.number({ error: "Choose a status" }).int().positive("Choose a status").nullish().transform((v) => v ?? null),
  priority: z
    .number({ error: "Choose a priority from 0 to 5" })
    .int("Choose a priority from 0 to 5")
    .min(0, "Choose a priority from 0 to 5")
    .max(5, "Choose a priority from 0 to 5")
    .nullish()
    .transform((v) => v ?? null),
  afterImport: z.enum(["mark_seen", "move", "delete"], { error: "Choose what happens to imported mail" }),
  afterImportFolder: z
    .string({ error: "Enter a folder name" })
    .max(200, "The folder name is too long")
    .nullish()
    .transform(blankToNull)
    .refine(singleLine, "The folder name must be one line"),
  maxMessageBytes: z
    .number({ error: "Enter the largest mail size to import" })
    .int("Enter the size in whole bytes")
    .min(MB, "Enter a size between 1 MB and 100 MB")
    .max(100 * MB, "Enter a size between 1 MB and 100 MB"),
});

function checkAfterImport(v: { afterImport: unknown; afterImportFolder: unknown }, ctx: z.RefinementCtx) {
  if (v.afterImport !== "move" || (v.afterImportFolder != null && typeof v.afterImportFolder !== "string")) return;
  if (!v.afterImportFolder) {
    ctx.addIssue({ code: "custom", path: ["afterImportFolder"], message: "Enter the folder imported mail is moved to" });
  } else if (v.afterImportFolder.toUpperCase() === "INBOX") {
    ctx.addIssue({ code: "custom", path: ["afterImportFolder"], message: "Choose a folder other than INBOX" });
  }
}

// `when`: also checked while other fields are invalid, so the form shows every problem at once.
const always = { when: () => true };
export const mailAccountCreateInput = accountFields.superRefine(checkAfterImport, always);
export const mailAccountUpdateInput = accountFields.extend({ id }).superRefine(checkAfterImport, always);
export const mailAccountIdInput = z.object({ id });
export const mailAccountSetActiveInput = z.object({ id, active: z.boolean({ error: "Active must be yes or no" }) });

/**
 * Either `{ accountId }` (test the stored account) or the form's server fields, unsaved,
 * optionally with `accountId` so a blank password means the stored one.
 */
function testInput<S extends z.ZodRawShape>(fields: S, hostKey: keyof S & string) {
  return z
    .object({ accountId: id.optional(), ...fields })
    .partial()
    .superRefine((v, ctx) => {
      const given = v as Record<string, unknown>;
      if (given[hostKey] === undefined) {
        if (given.accountId === undefined) ctx.addIssue({ code: "custom", path: [hostKey], message: "Enter the host name" });
        return;
      }
      for (const key of Object.keys(fields)) {
        if (key.endsWith("Password") || key === "smtpUser") continue;
        if (given[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: "Fill in this field to run the test" });
      }
    });
}
export const mailAccountTestFetchInput = testInput(imapFields, "imapHost");
export const mailAccountTestSendInput = testInput(smtpFields, "smtpHost");

export const mailAccountRouter = router({
  /** Every account with its worker state; no passwords (hasImapPassword/hasSmtpPassword instead). */
  list: adminProcedure.query(({ ctx }) => listMailAccounts(ctx.deps.db, ctx.actor)),
  get: adminProcedure.input(mailAccountIdInput).query(({ ctx, input }) => getMailAccount(ctx.deps.db, ctx.actor, input)),
  create: adminProcedure
    .input(mailAccountCreateInput)
    .mutation(({ ctx, input }) => createMailAccount({ db: ctx.deps.db, appSecret: ctx.appSecret }, ctx.actor, input)),
  /** A blank password keeps the stored one. */
  update: adminProcedure
    .input(mailAccountUpdateInput)
    .mutation(({ ctx, input }) => updateMailAccount({ db: ctx.deps.db, appSecret: ctx.appSecret }, ctx.actor, input)),
  setActive: adminProcedure
    .input(mailAccountSetActiveInput)
    .mutation(({ ctx, input }) => setMailAccountActive(ctx.deps.db, ctx.actor, input)),
  /** Refused (CONFLICT, with the counts) while sent or received mail refers to the account. */
  delete: adminProcedure.input(mailAccountIdInput).mutation(({ ctx, input }) => deleteMailAccount(ctx.deps.db, ctx.actor, input)),
  /** Log in over IMAP and open INBOX: `{ ok, unseen, messages }` or `{ ok: false, kind, message }`. */
  testFetch: adminProcedure.input(mailAccountTestFetchInput).mutation(({ ctx, input }) => {
    const test: ConnectionTestInput = {
      accountId: input.accountId,
      server:
        input.imapHost === undefined
          ? null
          : {
              host: input.imapHost, port: input.imapPort ?? 993, encryption: input.imapEncryption ?? "ssl",
              user: input.imapUser ?? null, password: input.imapPassword,
            },
    };
    return testMailAccountFetch({ db: ctx.deps.db, appSecret: ctx.appSecret }, ctx.actor, test);
  }),
  /** Connect and log in over SMTP (nothing is sent): `{ ok: true }` or `{ ok: false, kind, message }`. */
  testSend: adminProcedure.input(mailAccountTestSendInput).mutation(({ ctx, input }) => {
    const test: ConnectionTestInput = {
      accountId: input.accountId,
      server:
        input.smtpHost === undefined
          ? null
          : {
              host: input.smtpHost, port: input.smtpPort ?? 587, encryption: input.smtpEncryption ?? "starttls",
              user: input.smtpUser ?? null, password: input.smtpPassword,
            },
    };
    return testMailAccountSend({ db: ctx.deps.db, appSecret: ctx.appSecret }, ctx.actor, test);
  }),
});
