import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { users } from "../../../db/schema";
import type { Actor } from "../actor";
import { AppError, forbidden, notFound } from "../errors";

/**
 * The signed-in user's own profile: the greeting and signature added to their replies
 * (A5, mail/compose.ts; a personal signature replaces the queue's), an out-of-office note
 * colleagues see beside their name, the missing-attachment warning (A6) and the language.
 */

export const GREETING_MAX = 200;
export const USER_SIGNATURE_MAX = 2000;
export const OUT_OF_OFFICE_MAX = 300;

export interface ProfileInput {
  /** Blank: no greeting. */
  greeting: string | null;
  /** Blank: the queue's signature is used. */
  signature: string | null;
  /** Blank: in the office. Left out: unchanged (as for the two below). */
  outOfOffice?: string | null;
  /** The note shows until this moment; null: until removed. */
  outOfOfficeUntil?: Date | null;
  missingAttachmentWarning?: boolean;
}

export interface Profile {
  userId: number;
  name: string;
  email: string;
  greeting: string | null;
  signature: string | null;
  outOfOffice: string | null;
  outOfOfficeUntil: Date | null;
  missingAttachmentWarning: boolean;
  language: "en" | "de" | null;
}

function fieldError(field: keyof ProfileInput, message: string): AppError {
  return new AppError("INVALID", message, { fieldErrors: { [field]: [message] } });
}

/** Trimmed (compose.ts trims too); blank becomes null. Inner line breaks stay. */
const tidy = (v: string | null): string | null => {
  const t = v?.trim() ?? "";
  return t === "" ? null : t;
};

function userIdOf(actor: Actor): number {
  if (actor.kind !== "user") throw forbidden("Only signed-in users have a profile");
  return actor.userId;
}

const profileColumns = {
  userId: users.id, name: users.name, email: users.email, greeting: users.greeting, signature: users.signature,
  outOfOffice: users.outOfOffice, outOfOfficeUntil: users.outOfOfficeUntil, missingAttachmentWarning: users.missingAttachmentWarning,
  language: users.language,
};

export async function readProfile(db: DbOrTx, actor: Actor): Promise<Profile> {
  const userId = userIdOf(actor);
  const [row] = await db.select(profileColumns).from(users).where(eq(users.id, userId));
  if (!row) throw notFound("User");
  return row;
}

export async function updateProfile(db: DbOrTx, actor: Actor, input: ProfileInput): Promise<Profile> {
  const userId = userIdOf(actor);
  const greeting = tidy(input.greeting);
  const signature = tidy(input.signature);
  if (greeting && greeting.length > GREETING_MAX) {
    throw fieldError("greeting", `The greeting is too long (at most ${GREETING_MAX} characters)`);
  }
  if (signature && signature.length > USER_SIGNATURE_MAX) {
    throw fieldError("signature", `The signature is too long (at most ${USER_SIGNATURE_MAX} characters)`);
  }
  const outOfOffice = input.outOfOffice === undefined ? undefined : tidy(input.outOfOffice);
  if (outOfOffice && outOfOffice.length > OUT_OF_OFFICE_MAX) {
    throw fieldError("outOfOffice", `The note is too long (at most ${OUT_OF_OFFICE_MAX} characters)`);
  }
  if (input.outOfOfficeUntil && input.outOfOfficeUntil.getTime() < Date.now()) {
    throw fieldError("outOfOfficeUntil", "Choose a moment in the future, or none");
  }
  const [row] = await db
    .update(users)
    .set({
      greeting, signature,
      ...(outOfOffice === undefined ? {} : { outOfOffice, outOfOfficeUntil: outOfOffice ? (input.outOfOfficeUntil ?? null) : null }),
      ...(input.missingAttachmentWarning === undefined ? {} : { missingAttachmentWarning: input.missingAttachmentWarning }),
    })
    .where(eq(users.id, userId))
    .returning(profileColumns);
  if (!row) throw notFound("User");
  return row;
}

/** The UI language the user chose; it follows them to every browser they sign in with. */
export async function setLanguage(db: DbOrTx, actor: Actor, language: "en" | "de"): Promise<void> {
  await db.update(users).set({ language }).where(eq(users.id, userIdOf(actor)));
}

/** An out-of-office note that is still current (its end, if any, not passed). */
export const currentOutOfOffice = (note: string | null, until: Date | null, now = new Date()): string | null =>
  note && (!until || until > now) ? note : null;
