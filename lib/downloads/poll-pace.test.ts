// The pace of a downloads poll: small tables at once, large ones spread over half the interval.

import { describe, expect, it } from "vitest";
import { PACE_RULE, pollPace } from "./poll-pace";

describe("poll pace", () => {
  it("reads the first poll and a small table at once", () => {
    expect(pollPace(15_000, undefined)).toEqual({ chunk: 1000, itemsPerSecond: Infinity });
    expect(pollPace(15_000, 0).itemsPerSecond).toBe(Infinity);
    expect(pollPace(15_000, PACE_RULE.atOnce).itemsPerSecond).toBe(Infinity);
  });

  it("spreads a large table over half of the interval, never slower than the floor", () => {
    // The benchmark's large registry: 78,667 hashes and 66,668 members.
    const items = 145_335;
    expect(pollPace(15_000, items).itemsPerSecond).toBe(20_000); // 7.3 s: the floor
    expect(pollPace(5_000, items).itemsPerSecond).toBeCloseTo(items / 2.5); // 2.5 s
    expect(pollPace(1_000, items).itemsPerSecond).toBeCloseTo(items / 0.5);
    expect(pollPace(3_600_000, items).itemsPerSecond).toBe(20_000);
    expect(pollPace(15_000, PACE_RULE.atOnce + 1).itemsPerSecond).toBe(20_000);
  });
});
