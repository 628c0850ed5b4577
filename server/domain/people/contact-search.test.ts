import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, sql } from "drizzle-orm";
import { connectDb, type DbHandle } from "../../../db/client";
import { contacts } from "../../../db/schema";
import { createFreshDatabase, type FreshDatabase } from "../../../db/testing/fresh-database";
import { systemActor } from "../actor";
import { containsPattern, contactOrder, contactSearchWhere, phoneDigits, searchWords } from "./contact-search";
import { searchContacts } from "./contacts";

describe("search words and patterns", () => {
  it("splits on white space, keeps at most six words, and escapes LIKE wildcards", () => {
    expect(searchWords("  Max   Muster\tBerlin ")).toEqual(["Max", "Muster", "Berlin"]);
    expect(searchWords("a b c d e f g h")).toHaveLength(6);
    expect(searchWords("")).toEqual([]);
    expect(containsPattern("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });

  it("reads a phone-like word as digits", () => {
    expect(phoneDigits("+49(30)123-4")).toBe("49301234");
    expect(phoneDigits("0301234")).toBeNull(); // already digits: the word itself matches
    expect(phoneDigits("+49")).toBeNull(); // too short to be worth it
    expect(phoneDigits("Berlin")).toBeNull();
  });
});

/**
 * Fast enough for 100,000 contacts (K1): a database of its own with 100k contacts, 120k
 * addresses and 5k organisations. A selective query (a name, an address, a number) answers in
 * about 10 ms, page 3,000 of everyone in about 50; a word found in nearly every contact takes a
 * few hundred (every row is read then).
 * Timings are printed, not asserted (a busy machine would fail them; speed is measured by
 * benches): what is asserted is the hits, and that the plan uses the trigram indexes rather
 * than read every contact.
 */
describe("search over 100,000 contacts", () => {
  let fresh: FreshDatabase;
  let handle: DbHandle;
  beforeAll(async () => {
    fresh = await createFreshDatabase("contacts_search");
    handle = connectDb(fresh.url, { max: 2 });
    await handle.sql.unsafe(`
      insert into organisations (name, customer_number, city)
        select 'Org ' || i || ' ' || left(md5(i::text), 8), 'O' || i, 'Orgcity' || (i % 300) from generate_series(1, 5000) i;
      insert into contacts (email, name, first_name, last_name, company, customer_number, phone, city, postal_code, customer_class, organisation_id)
        select 'user' || i || '@bulk' || (i % 100) || '.test', 'Name ' || left(md5(i::text), 10), 'First' || (i % 1000),
               'Last' || left(md5((i * 7)::text), 8), 'Company ' || (i % 3000), 'C' || i, '+49 30 ' || (1000000 + i),
               'City' || (i % 500), lpad((i % 99999)::text, 5, '0'), 'Class' || (i % 7),
               case when i % 3 = 0 then (i % 5000) + 1 end
        from generate_series(1, 100000) i;
      insert into contact_emails (contact_id, email, is_primary) select id, email, true from contacts;
      insert into contact_emails (contact_id, email, is_primary) select id, 'alt' || id || '@other.test', false from contacts where id % 5 = 0;
      analyze organisations; analyze contacts; analyze contact_emails;
    `);
  }, 240_000);
  afterAll(async () => {
    await handle?.close();
    await fresh?.drop();
  });

  const queries: [string, string, number | null][] = [
    ["name fragment", "", null],
    ["primary address", "user4711@", 1],
    ["second address", "alt4710@other", 1],
    ["customer number", "C99999", null],
    ["phone as written", "1004711", 1],
    ["phone as digits", "49301004711", 1],
    ["organisation", "Org 1234 ", null],
    ["city and first name", "City7 First7", null],
    ["a common word", "Company", null],
    ["no hit", "zzqqxx", 0],
  ];

  it("answers every kind of query quickly, with the right hits", async () => {
    const [{ n }] = await handle.db.select({ n: count() }).from(contacts);
    expect(n).toBe(100_000);
    const [sample] = await handle.db.select({ name: contacts.name }).from(contacts).where(sql`${contacts.id} = 31337`);
    queries[0][1] = sample.name!.slice(5, 13);
    const timings: Record<string, number> = {};
    for (const [label, query, expected] of queries) {
      await searchContacts(handle.db, systemActor, { query, page: 1, pageSize: 25 }); // warm the cache
      const started = performance.now();
      const page = await searchContacts(handle.db, systemActor, { query, page: 1, pageSize: 25 });
      timings[label] = Math.round(performance.now() - started);
      if (expected !== null) expect(page.total, label).toBe(expected);
      else expect(page.total, label).toBeGreaterThan(0);
    }
    const started = performance.now();
    const deep = await searchContacts(handle.db, systemActor, { query: "", page: 3000, pageSize: 25 });
    timings["everyone, page 3000"] = Math.round(performance.now() - started);
    expect(deep.items).toHaveLength(25);
    console.log("contact search over 100k contacts (ms):", JSON.stringify(timings));
  }, 120_000);

  it("uses the trigram indexes instead of reading every contact", async () => {
    const query = handle.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(contactSearchWhere("user4711"))
      .orderBy(...contactOrder("user4711"))
      .limit(25)
      .toSQL();
    const plan = (await handle.sql.unsafe(`explain ${query.sql}`, query.params as never[])).map((r) => String(r["QUERY PLAN"])).join("\n");
    expect(plan).toContain("contacts_search_trgm_idx");
    expect(plan).toContain("contact_emails_trgm_idx");
    // 5,000 organisations are few enough that the planner may read them all; contacts never.
    expect(plan).not.toMatch(/Seq Scan on contacts\b/);
  });
});
