import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { organisations, type Organisation } from "../../../db/schema";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import { assertContactStaff } from "./contact-access";
import { organisationSearchWhere } from "./contact-search";
import { clean, fieldError, isUniqueViolation } from "./contacts";
import { conflict, notFound } from "../errors";

/** Organisations (K1): companies the contacts belong to (each contact to at most one). */

export interface OrganisationFields {
  name: string;
  customerNumber: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  notes: string | null;
}

export type OrganisationView = Omit<Organisation, "searchText"> & { memberCount: number };

const listColumns = {
  id: organisations.id, name: organisations.name, customerNumber: organisations.customerNumber,
  street: organisations.street, postalCode: organisations.postalCode, city: organisations.city,
  country: organisations.country, notes: organisations.notes, version: organisations.version,
  createdAt: organisations.createdAt, updatedAt: organisations.updatedAt,
  // Written out: in a one-table select drizzle leaves column names unqualified, which a subquery would misread.
  memberCount: sql<number>`(select count(*)::int from "contacts" m where m."organisation_id" = "organisations"."id")`,
};

/** A page of organisations matching the query (name, number, address), by name. */
export async function searchOrganisations(
  db: DbOrTx,
  actor: Actor,
  input: { query?: string | null; page: number; pageSize: number },
): Promise<{ items: OrganisationView[]; total: number; page: number; pageSize: number }> {
  assertContactStaff(actor);
  const where = organisationSearchWhere(input.query);
  const [items, [{ total }]] = await Promise.all([
    db
      .select(listColumns)
      .from(organisations)
      .where(where)
      .orderBy(sql`lower(${organisations.name})`, asc(organisations.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: count() }).from(organisations).where(where),
  ]);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

export async function getOrganisation(db: DbOrTx, actor: Actor, organisationId: number): Promise<OrganisationView> {
  assertContactStaff(actor);
  return loadOrganisation(db, organisationId);
}

async function loadOrganisation(db: DbOrTx, organisationId: number): Promise<OrganisationView> {
  const [row] = await db.select(listColumns).from(organisations).where(eq(organisations.id, organisationId));
  if (!row) throw notFound("Organisation");
  return row;
}

const snapshot = ({ id: _id, version: _v, createdAt: _c, updatedAt: _u, memberCount: _m, ...fields }: OrganisationView) => fields;

function normalise(f: OrganisationFields) {
  const name = clean(f.name);
  if (!name) throw fieldError("INVALID", "name", "The name is required");
  return {
    name, customerNumber: clean(f.customerNumber), street: clean(f.street), postalCode: clean(f.postalCode),
    city: clean(f.city), country: clean(f.country), notes: clean(f.notes),
  };
}

async function assertCustomerNumberFree(tx: DbOrTx, customerNumber: string | null, id: number | null) {
  if (!customerNumber) return;
  const [other] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(sql`lower(${organisations.customerNumber})`, customerNumber.toLowerCase()), id === null ? undefined : ne(organisations.id, id)));
  if (other) throw fieldError("CONFLICT", "customerNumber", "Another organisation has this customer number");
}

async function mappingUniqueErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isUniqueViolation(err, "organisations_customer_number_idx")) {
      throw fieldError("CONFLICT", "customerNumber", "Another organisation has this customer number");
    }
    throw err;
  }
}

export async function createOrganisation(db: DbOrTx, actor: Actor, input: OrganisationFields): Promise<OrganisationView> {
  assertContactStaff(actor);
  const fields = normalise(input);
  return mappingUniqueErrors(() =>
    db.transaction(async (tx) => {
      await assertCustomerNumberFree(tx, fields.customerNumber, null);
      const [row] = await tx.insert(organisations).values(fields).returning({ id: organisations.id });
      const view = await loadOrganisation(tx, row.id);
      await recordAudit(tx, actor, { entity: "organisation", entityId: row.id, label: view.name, before: null, after: snapshot(view) });
      return view;
    }),
  );
}

/** Saves the whole organisation; refused (CONFLICT) when someone else saved since `version`. */
export async function updateOrganisation(
  db: DbOrTx,
  actor: Actor,
  input: OrganisationFields & { id: number; version: number },
): Promise<OrganisationView> {
  assertContactStaff(actor);
  const fields = normalise(input);
  return mappingUniqueErrors(() =>
    db.transaction(async (tx) => {
      const [locked] = await tx.select({ version: organisations.version }).from(organisations).where(eq(organisations.id, input.id)).for("update");
      if (!locked) throw notFound("Organisation");
      if (locked.version !== input.version) throw conflict("Someone else changed this organisation meanwhile. Reload it to see their change.");
      const before = await loadOrganisation(tx, input.id);
      await assertCustomerNumberFree(tx, fields.customerNumber, input.id);
      const changed = JSON.stringify(snapshot({ ...before, ...fields })) !== JSON.stringify(snapshot(before));
      if (changed) {
        await tx
          .update(organisations)
          .set({ ...fields, version: sql`${organisations.version} + 1`, updatedAt: new Date() })
          .where(eq(organisations.id, input.id));
      }
      const view = await loadOrganisation(tx, input.id);
      await recordAudit(tx, actor, { entity: "organisation", entityId: input.id, label: view.name, before: snapshot(before), after: snapshot(view) });
      return view;
    }),
  );
}

/** Deletes an organisation; its contacts stay, without an organisation. */
export async function deleteOrganisation(db: DbOrTx, actor: Actor, organisationId: number): Promise<void> {
  assertContactStaff(actor);
  await db.transaction(async (tx) => {
    const before = await loadOrganisation(tx, organisationId);
    await tx.delete(organisations).where(eq(organisations.id, organisationId));
    await recordAudit(tx, actor, { entity: "organisation", entityId: organisationId, label: before.name, before: snapshot(before), after: null });
  });
}
