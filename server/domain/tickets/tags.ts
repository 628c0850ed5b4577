import { sql, type SQL } from "drizzle-orm";
import { tickets } from "../../../db/schema";

/**
 * A ticket's tags with `added` appended, skipping any it already has (compared
 * case-insensitively). Computed in SQL from the row being updated, so concurrent
 * writers add rather than overwrite.
 */
export function withTagsAdded(added: string[]): SQL {
  const list = sql`${sql.param(added)}::text[]`;
  return sql`${tickets.tags} || array(
    select t from unnest(${list}) as t
    where lower(t) <> all (select lower(x) from unnest(${tickets.tags}) as x))`;
}

/** Tags as a person typed them: trimmed, empty ones dropped, duplicates (any case) once, first spelling kept. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    if (tag && !out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag);
  }
  return out;
}
