import { describe, expect, it } from "vitest";
import { amountCents, formatMinutes, parseDuration, timeTotals } from "./time-amounts";

describe("time amounts", () => {
  it("formats minutes as h:mm", () => {
    expect([0, 5, 60, 90, 1500].map(formatMinutes)).toEqual(["0:00", "0:05", "1:00", "1:30", "25:00"]);
  });

  it("rounds each entry's amount to cents and totals only billable entries", () => {
    expect(amountCents(10, 9500)).toBe(1583); // 15.833… €
    expect(amountCents(10, null)).toBe(0);
    expect(
      timeTotals([
        { minutes: 10, billable: true, centsPerHour: 9500 },
        { minutes: 10, billable: true, centsPerHour: 9500 },
        { minutes: 30, billable: false, centsPerHour: 9500 },
        { minutes: 15, billable: true, centsPerHour: null },
      ]),
    ).toEqual({ minutes: 65, billableMinutes: 35, amountCents: 3166 });
  });
});

describe("durations as typed", () => {
  it("reads minutes, h:mm and 1h30", () => {
    expect(["90", "1:30", "1h30", "2h", " 0:05 ", "1:75", "abc", ""].map(parseDuration)).toEqual([90, 90, 90, 120, 5, null, null, null]);
  });
});
