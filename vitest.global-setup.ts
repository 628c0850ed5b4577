import type { TestProject } from "vitest/node";
import { createFreshDatabase } from "./db/testing/fresh-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One fresh, migrated database per test run; dropped at the end. */
export default async function setup(project: TestProject) {
  const db = await createFreshDatabase("unit");
  project.provide("databaseUrl", db.url);
  return () => db.drop();
}
