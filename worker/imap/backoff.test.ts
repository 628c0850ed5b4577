import { afterEach, describe, expect, it, vi } from "vitest";
import { backoffMs } from "./backoff";

/** The reconnect delay of a failing account: how it grows, where it stops, how it is spread. */
const random = (value: number) => vi.spyOn(Math, "random").mockReturnValue(value);
afterEach(() => vi.restoreAllMocks());

describe("backoffMs", () => {
  it("doubles its ceiling per attempt from 1 s", () => {
    random(0.999_999); // the top of the range is the ceiling
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffMs(a))).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000]);
  });

  it("is capped at 5 minutes, however many attempts failed", () => {
    random(0.999_999);
    expect(backoffMs(8)).toBe(256_000);
    for (const attempt of [9, 20, 1000, Number.MAX_SAFE_INTEGER]) expect(backoffMs(attempt)).toBe(300_000);
    expect(backoffMs(50, 10, 60_000)).toBe(60_000); // base and cap are parameters
  });

  it("draws from the upper half of the ceiling (equal jitter)", () => {
    random(0);
    expect([0, 3, 30].map((a) => backoffMs(a))).toEqual([500, 4000, 150_000]);
    vi.restoreAllMocks();
    for (const attempt of [0, 1, 4, 9, 15]) {
      const ceiling = Math.min(300_000, 1000 * 2 ** attempt);
      const draws = Array.from({ length: 500 }, () => backoffMs(attempt));
      for (const d of draws) {
        expect(d).toBeGreaterThanOrEqual(ceiling / 2);
        expect(d).toBeLessThanOrEqual(ceiling);
      }
      // Spread, not one value: accounts that failed together do not retry together.
      expect(new Set(draws).size).toBeGreaterThan(attempt === 0 ? 100 : 200);
    }
  });
});
