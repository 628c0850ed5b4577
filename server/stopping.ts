/**
 * Whether this process is shutting down. On Ctrl-C the terminal signals the whole process
 * group, the embedded PostgreSQL included, so connections close under the web and worker
 * processes while they stop: those errors are expected then and not printed.
 */
let stopping = false;

export function markStopping(): void {
  stopping = true;
}

/** console.error, unless the process is stopping. */
export function logError(...parts: unknown[]): void {
  if (!stopping) console.error(...parts);
}
