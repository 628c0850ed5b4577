/** Exponential backoff with full jitter: 1 s, 2 s, 4 s … capped, each randomised downwards. */
export function backoffMs(attempt: number, baseMs = 1000, capMs = 5 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
