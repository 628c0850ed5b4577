import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Actor } from "../domain/actor";
import { AppError, type ErrorReason } from "../domain/errors";
import { catalogText, localizedMessage, type Lang } from "./localize-error";
import { localizedFieldErrors } from "./localize-zod";
import type { Deps } from "../domain/events";
import { isAdmin, isStaff } from "../domain/permissions";

export interface Context {
  deps: Deps;
  actor: Actor | null;
  /** Seals and opens mail account passwords (lib/secret-box). */
  appSecret: string;
  /** The UI language of the request, for refusal texts (English when not given). */
  lang?: Lang;
  /** The client's address (server/auth/client-ip.ts), for the per-IP attempt limits; null in tests and server calls. */
  clientIp?: string | null;
}

const codeMap = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
} as const;

/** The refusals of the procedure gates below, in the user's language. */
const gateReasons: Record<string, ErrorReason> = {
  "Please sign in": { key: "errors.signIn" },
  "Access denied": { key: "errors.accessDenied" },
  "Only administrators may do this": { key: "errors.adminOnly" },
};

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Domain errors keep their message; zod errors become field errors; anything else is hidden.
  errorFormatter({ shape, error, ctx }) {
    const lang = ctx?.lang ?? "en";
    // Every zod issue in the user's language: the schema's key, else a generic text by its code.
    const zod = error.cause instanceof ZodError ? localizedFieldErrors(error.cause, lang) : null;
    // A domain rule about one field (e.g. "address already used") is shown beside that field too.
    const domainFields = error.cause instanceof AppError ? (error.cause.details?.fieldErrors as Record<string, string[]> | undefined) : undefined;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    // A collision on save names the entries that arrived meanwhile (ids only; the UI refetches them).
    const newEntryIds = error.cause instanceof AppError ? (error.cause.details?.newEntryIds as number[] | undefined) : undefined;
    const reason = error.cause instanceof AppError ? (error.cause.details?.reason as ErrorReason | undefined) : undefined;
    return {
      ...shape,
      message: internal
        ? catalogText(lang, "errors.internal")!
        : zod
          ? (Object.values(zod)[0]?.[0] ?? catalogText(lang, "errors.field.invalid")!)
          : localizedMessage(shape.message, reason ?? gateReasons[shape.message], lang),
      data: { ...shape.data, stack: undefined, fieldErrors: zod ?? domainFields ?? null, newEntryIds: newEntryIds ?? null },
    };
  },
});

/** Maps the domain's AppError to a tRPC error, once, for every procedure. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: codeMap[cause.code], message: cause.message, cause });
  }
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") console.error(result.error);
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors);

/** Signed-in agents and admins. */
export const agentProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in" });
  if (!isStaff(ctx.actor)) throw new TRPCError({ code: "FORBIDDEN", message: "Access denied" });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

export const adminProcedure = agentProcedure.use(({ ctx, next }) => {
  if (!isAdmin(ctx.actor)) throw new TRPCError({ code: "FORBIDDEN", message: "Only administrators may do this" });
  return next();
});
