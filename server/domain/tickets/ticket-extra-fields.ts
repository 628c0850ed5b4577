import { inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { fieldOptions, tickets, type FieldOptionKind, type Ticket, type TicketKind } from "../../../db/schema";
import { AppError } from "../errors";
import { optionFieldKeys, optionFields } from "../../../lib/ticket-option-fields";

/**
 * The C1 fields beyond title, queue, owner, priority and tags: kind, confidential, billable,
 * deadline, follow-up, external reference, customer CC and the configurable lists (brand,
 * category, severity, source, service contract). `extraFieldChanges` compares the input with
 * the ticket and returns what to set and the history rows, with readable values: option
 * names, ISO dates, "true"/"false"; the timeline formats them per field.
 */

// The columns are ticket columns of the lists' kinds.
optionFields satisfies Partial<Record<keyof Ticket, FieldOptionKind>>;

export interface ExtraFieldsInput {
  kind?: TicketKind;
  confidential?: boolean;
  billable?: boolean;
  dueAt?: Date | null;
  followUpAt?: Date | null;
  externalRef?: string | null;
  customerCc?: string[];
  brandId?: number | null;
  categoryId?: number | null;
  severityId?: number | null;
  sourceId?: number | null;
  serviceContractId?: number | null;
}

export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

function fieldError(field: string, message: string): AppError {
  return new AppError("INVALID", message, { fieldErrors: { [field]: [message] } });
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i]?.toLowerCase());

export async function extraFieldChanges(
  tx: DbOrTx,
  t: Ticket,
  input: ExtraFieldsInput,
): Promise<{ set: Partial<typeof tickets.$inferInsert>; changes: FieldChange[] }> {
  const set: Partial<typeof tickets.$inferInsert> = {};
  const changes: FieldChange[] = [];

  if (input.kind !== undefined && input.kind !== t.kind) {
    set.kind = input.kind;
    changes.push({ field: "kind", from: t.kind, to: input.kind });
  }
  for (const key of ["confidential", "billable"] as const) {
    const value = input[key];
    if (value !== undefined && value !== t[key]) {
      set[key] = value;
      changes.push({ field: key, from: String(t[key]), to: String(value) });
    }
  }
  for (const key of ["dueAt", "followUpAt"] as const) {
    const value = input[key];
    if (value !== undefined && iso(value) !== iso(t[key])) {
      set[key] = value;
      changes.push({ field: key, from: iso(t[key]), to: iso(value) });
    }
  }
  if (input.externalRef !== undefined) {
    const value = input.externalRef?.trim() || null;
    if (value !== t.externalRef) {
      set.externalRef = value;
      changes.push({ field: "externalRef", from: t.externalRef, to: value });
    }
  }
  if (input.customerCc !== undefined) {
    const seen = new Set<string>();
    const cc = input.customerCc.map((a) => a.trim()).filter((a) => a && !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
    if (!sameList(cc, t.customerCc)) {
      set.customerCc = cc;
      changes.push({ field: "customerCc", from: t.customerCc.join(", ") || null, to: cc.join(", ") || null });
    }
  }

  const optionKeys = optionFieldKeys.filter((k) => input[k] !== undefined && input[k] !== t[k]);
  if (optionKeys.length) {
    const ids = optionKeys.flatMap((k) => [t[k], input[k]]).filter((v): v is number => typeof v === "number");
    const rows = ids.length ? await tx.select().from(fieldOptions).where(inArray(fieldOptions.id, ids)) : [];
    for (const key of optionKeys) {
      const next = input[key] ?? null;
      const option = rows.find((o) => o.id === next);
      // Only an active option of the field's own list may be chosen.
      if (next !== null && (!option || option.kind !== optionFields[key] || !option.active)) throw fieldError(key, "Choose an entry of the list");
      set[key] = next;
      changes.push({ field: optionFields[key], from: rows.find((o) => o.id === t[key])?.name ?? null, to: option?.name ?? null });
    }
  }
  return { set, changes };
}

/**
 * The options of every list a ticket refers to, and the ticket roles, in order: the detail
 * view names a ticket's options with them (inactive ones too), the edit form offers the
 * active ones.
 */
export function ticketFieldChoices(db: DbOrTx) {
  return db
    .select({ id: fieldOptions.id, kind: fieldOptions.kind, name: fieldOptions.name, nameDe: fieldOptions.nameDe, colour: fieldOptions.colour, active: fieldOptions.active })
    .from(fieldOptions)
    .where(inArray(fieldOptions.kind, [...Object.values(optionFields), "ticketRole"]))
    .orderBy(fieldOptions.position, fieldOptions.id);
}
