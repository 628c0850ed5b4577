import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { testContext } from "../../../db/testing/test-deps";
import type { Actor } from "../../domain/actor";
import type { Deps } from "../../domain/events";
import { appRouter } from "../root";

/** Calls a procedure over HTTP, so the error formatter (field errors) runs as for the browser. */
export async function callOverHttp(deps: Deps, path: string, input: unknown, actor: Actor | null, opts: { lang?: "en" | "de" } = {}) {
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req: new Request(`http://test/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize(input)),
    }),
    createContext: () => ({ ...testContext(deps, actor), lang: opts.lang }),
  });
  const body = (await res.json()) as {
    result?: { data: unknown };
    error?: { json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } } };
  };
  return { status: res.status, result: body.result ? superjson.deserialize(body.result.data as never) : undefined, error: body.error?.json };
}
