// Go's time.Duration text, as OpenDepot's manifests carry it (presign TTLs): parsed exactly and
// printed the way Go's Duration.String() prints it.

import { describe, expect, it } from "vitest";
import { formatGoDuration, formatGoDurationNs, parseGoDuration } from "./storage";

describe("Go durations", () => {
  it("prints like Go's Duration.String()", () => {
    const cases: [bigint, string][] = [
      [0n, "0s"],
      [1n, "1ns"],
      [1_100n, "1.1µs"],
      [2_200_000n, "2.2ms"],
      [1_000_000_000n, "1s"],
      [1_500_000_000n, "1.5s"],
      [60_000_000_000n, "1m0s"],
      [900_000_000_000n, "15m0s"],
      [3_600_000_000_000n, "1h0m0s"],
      [5_400_000_000_000n, "1h30m0s"],
      [-90_000_000_000n, "-1m30s"],
    ];
    for (const [ns, text] of cases) expect(formatGoDurationNs(ns), text).toBe(text);
  });

  it("parses what Go's time.ParseDuration accepts, and nothing else", () => {
    expect(parseGoDuration("15m")).toBe(900_000_000_000n);
    expect(parseGoDuration("1h30m")).toBe(5_400_000_000_000n);
    expect(parseGoDuration("1.5h")).toBe(5_400_000_000_000n);
    expect(parseGoDuration("300ms")).toBe(300_000_000n);
    expect(parseGoDuration("2us")).toBe(2_000n);
    expect(parseGoDuration("2µs")).toBe(2_000n);
    expect(parseGoDuration("-1m")).toBe(-60_000_000_000n);
    expect(parseGoDuration("0")).toBe(0n);
    expect([parseGoDuration("1.h"), parseGoDuration(".5h")]).toEqual([3_600_000_000_000n, 1_800_000_000_000n]);
    for (const bad of ["", "15", "m", "1d", ".h", "abc", "1h-5m"]) expect(parseGoDuration(bad), bad).toBeUndefined();
  });

  it("re-renders a duration Go's way, and passes through what does not parse", () => {
    expect(formatGoDuration("15m")).toBe("15m0s");
    expect(formatGoDuration("90s")).toBe("1m30s");
    expect(formatGoDuration("3600s")).toBe("1h0m0s");
    expect(formatGoDuration("soon")).toBe("soon");
  });
});
