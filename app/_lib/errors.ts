import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";

function asTrpcError(error: unknown): TRPCClientError<AppRouter> | null {
  return error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>) : null;
}

/** The tRPC error code ("UNAUTHORIZED", "BAD_REQUEST", …) or null for other errors. */
export function errorCode(error: unknown): string | null {
  return asTrpcError(error)?.data?.code ?? null;
}

/** zod field errors from the server's error formatter, first message per field. */
export function fieldErrors(error: unknown): Record<string, string | undefined> {
  const raw = asTrpcError(error)?.data?.fieldErrors as Record<string, string[] | undefined> | null | undefined;
  const out: Record<string, string | undefined> = {};
  for (const [field, messages] of Object.entries(raw ?? {})) out[field] = messages?.[0];
  return out;
}

/** A message fit for the user: the server's (domain errors keep theirs, internal ones are generic). */
export function errorMessage(error: unknown, fallback: string): string {
  const e = asTrpcError(error);
  if (!e) return fallback;
  if (e.data?.fieldErrors) return fallback; // shown beside the fields instead
  return e.message || fallback;
}

/** The entries that arrived while the user was writing (a CONFLICT from the collision guard), or null. */
export function newEntryIds(error: unknown): number[] | null {
  const e = asTrpcError(error);
  if (e?.data?.code !== "CONFLICT") return null;
  const ids = (e.data as { newEntryIds?: number[] | null }).newEntryIds;
  return ids && ids.length ? ids : null;
}
