/**
 * Exponential backoff with "equal jitter": the ceiling doubles per attempt (1 s, 2 s, 4 s …,
 * capped at 5 min) and the delay is drawn from its upper half, so accounts that failed
 * together do not all retry at once, and none retries sooner than half the ceiling.
 */
export function backoffMs(attempt: number, baseMs = 1000, capMs = 5 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
