/** The one error type domain functions throw; tRPC maps the code once, in its error formatter. */
export type AppErrorCode = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID" | "UNAUTHORIZED";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/**
 * What a refusal says to a person, in their language: `key` names its text in
 * messages/*.json, `params` fill its {placeholders}. The error's own message stays the
 * English text, for logs and API clients; the tRPC error formatter picks the user's.
 */
export interface ErrorReason {
  key: `errors.${string}`;
  params?: Record<string, string | number>;
}

/** A refusal with a text in both languages. */
export const refused = (code: AppErrorCode, message: string, reason: ErrorReason, details?: Record<string, unknown>) =>
  new AppError(code, message, { ...details, reason });

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
export const forbidden = (message = "Access denied") => new AppError("FORBIDDEN", message);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError("CONFLICT", message, details);
export const invalid = (message: string) => new AppError("INVALID", message);

/** A merged ticket is a pointer to its target (C7): nothing on it changes any more. */
export function assertNotMerged(t: { mergedIntoId: number | null }): void {
  if (t.mergedIntoId !== null) {
    throw refused("INVALID", "This ticket was merged into another one; work in that ticket", { key: "errors.ticketMerged" }, { mergedIntoId: t.mergedIntoId });
  }
}
