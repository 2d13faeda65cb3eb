// The SemVer order at the heart of the contract (docs/browse-api.md §3.3), pinned directly.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareTotal, isRelease, isSameVersion, normalizeVersion, parseVersion } from "./version";

/** Descending total order over raw strings, as every version list sorts. */
const newestFirst = (raws: readonly string[]) =>
  [...raws].sort((a, b) => compareTotal(parseVersion(normalizeVersion(b)), b, parseVersion(normalizeVersion(a)), a));

// The reference vector, newest first (docs/browse-api.md §3.3): the tests must pin it.
const REFERENCE = [
  "V2.0.0",
  "1.10.0",
  "v1.9.0",
  "1.9.0",
  "1.0.0+build.2",
  "1.0.0",
  "1.0",
  "1.0.0-rc.2",
  "1.0.0-rc.1",
  "1.0.0-beta.11",
  "1.0.0-beta.2",
  "1.0.0-alpha",
  "2024.01.15-nightly",
  "main",
  "latest",
];

describe("version order", () => {
  it("sorts the reference vector newest first, from any starting order", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(REFERENCE, { minLength: REFERENCE.length }), (shuffled) => {
        expect(newestFirst(shuffled)).toEqual(REFERENCE);
      }),
    );
  });

  it("is a total order: antisymmetric and transitive over random version strings", () => {
    const part = fc.oneof(
      fc.nat({ max: 20 }).map(String),
      fc.constantFrom("0", "01", "alpha", "beta", "rc", "x", "99999999999999999999"),
    );
    const version = fc
      .tuple(
        fc.constantFrom("", "v", "V", " "),
        fc.array(part, { minLength: 1, maxLength: 4 }),
        fc.constantFrom("", "-rc.1", "-alpha", "+b.1", "-0.3.7"),
      )
      .map(([p, parts, tail]) => `${p}${parts.join(".")}${tail}`);
    const cmp = (a: string, b: string) =>
      compareTotal(parseVersion(normalizeVersion(a)), a, parseVersion(normalizeVersion(b)), b);
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        // `===`, not toBe: toBe tells 0 from -0, which is what -Math.sign(0) gives when a equals b.
        expect(Math.sign(cmp(a, b)) === -Math.sign(cmp(b, a))).toBe(true);
        if (cmp(a, b) <= 0 && cmp(b, c) <= 0) expect(cmp(a, c)).toBeLessThanOrEqual(0);
        if (a !== b) expect(cmp(a, b)).not.toBe(0);
      }),
    );
  });

  it("compares numerically with arbitrary precision, and ranks non-SemVer below every SemVer", () => {
    expect(newestFirst(["1.2.3", "18446744073709551616.0.0", "18446744073709551615.0.0"])).toEqual([
      "18446744073709551616.0.0",
      "18446744073709551615.0.0",
      "1.2.3",
    ]);
    expect(newestFirst(["01.2.3", "0.0.1-alpha"])).toEqual(["0.0.1-alpha", "01.2.3"]);
    expect(newestFirst(["1.0.0-rc.01", "1.0.0-rc.1"])).toEqual(["1.0.0-rc.1", "1.0.0-rc.01"]);
  });

  it("treats coerced and build-only differences as the same version, and the token rule never does", () => {
    const same = (a: string, b: string) =>
      isSameVersion(parseVersion(normalizeVersion(a)), parseVersion(normalizeVersion(b)));
    expect([same("1.2", "1.2.0"), same("1.0.0+a", "1.0.0+b"), same("v1.9.0", "1.9.0")]).toEqual([true, true, true]);
    expect([same("1-0", "1.0"), same("1.0.0-rc.1", "1.0.0"), same("main", "Main")]).toEqual([false, false, false]);
  });

  it("normalizes by trimming and dropping one leading v, and knows releases from pre-releases", () => {
    expect(["  v1.2.3 ", "V1", "vv1", "1.0"].map(normalizeVersion)).toEqual(["1.2.3", "1", "v1", "1.0"]);
    expect(["1.0.0", "1.0", "1.0.0-rc.1", "main"].map((v) => isRelease(parseVersion(v)))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe("parseVersion: one parse per distinct string", () => {
  it("returns the same frozen value for the same text, and a different one for other text", () => {
    const a = parseVersion("1.2.3-rc.1");
    expect(parseVersion("1.2.3-rc.1")).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a).toMatchObject({ core: ["1", "2", "3"], prerelease: ["rc", "1"] });
    expect(parseVersion("1.2.4")).not.toBe(a);
  });
});
