import { sql, type SQL } from "drizzle-orm";
import { tickets } from "../../db/schema";

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
