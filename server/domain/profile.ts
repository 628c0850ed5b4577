import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { users } from "../../db/schema";
import type { Actor } from "./actor";
import { AppError, forbidden, notFound } from "./errors";

/**
 * The signed-in user's own profile (A5): the greeting and signature added to their replies
 * (mail/compose.ts). A personal signature replaces the queue's.
 */

export const GREETING_MAX = 200;
export const USER_SIGNATURE_MAX = 2000;

export interface ProfileInput {
  /** Blank: no greeting. */
  greeting: string | null;
  /** Blank: the queue's signature is used. */
  signature: string | null;
}

export interface Profile {
  userId: number;
  name: string;
  email: string;
  greeting: string | null;
  signature: string | null;
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
  const [row] = await db.update(users).set({ greeting, signature }).where(eq(users.id, userId)).returning(profileColumns);
  if (!row) throw notFound("User");
  return row;
}
