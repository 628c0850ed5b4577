import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { contacts, type Contact } from "../../db/schema";

/** Finds the contact by address (case-insensitive) or creates it; race-safe via the unique index. */
export async function findOrCreateContact(
  db: DbOrTx,
  email: string,
  name?: string | null,
): Promise<Contact> {
  const address = email.trim();
  const [created] = await db
    .insert(contacts)
    .values({ email: address, name: name || null })
    .onConflictDoNothing()
    .returning();
  if (created) return created;
  const [existing] = await db.select().from(contacts).where(eq(sql`lower(${contacts.email})`, address.toLowerCase()));
  if (name && !existing.name) {
    await db.update(contacts).set({ name }).where(eq(contacts.id, existing.id));
    return { ...existing, name };
  }
  return existing;
}
