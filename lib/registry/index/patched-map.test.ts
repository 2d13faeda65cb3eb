// PatchedMap answers as the Map it stands for, whatever sequence of changes built it.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PatchedMap } from "./patched-map";

describe("PatchedMap", () => {
  it("reads like a Map with the same changes applied, over any sequence of updates", () => {
    const key = fc.integer({ min: 0, max: 40 }).map((n) => `k${n}`);
    const change = fc.tuple(key, fc.option(fc.nat(), { nil: undefined }));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.nat())),
        fc.array(fc.array(change, { maxLength: 6 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 20 }),
        (initial, updates, maxChanges) => {
          const oracle = new Map(initial);
          let map: ReadonlyMap<string, number> = new Map(initial);
          for (const changes of updates) {
            map = PatchedMap.of(map, changes, maxChanges);
            for (const [k, v] of changes) {
              if (v === undefined) oracle.delete(k);
              else oracle.set(k, v);
            }
            expect(map.size).toBe(oracle.size);
            for (let n = 0; n <= 40; n++) {
              expect(map.get(`k${n}`)).toBe(oracle.get(`k${n}`));
              expect(map.has(`k${n}`)).toBe(oracle.has(`k${n}`));
            }
            expect(new Map(map)).toEqual(oracle);
            expect(new Set(map.keys())).toEqual(new Set(oracle.keys()));
            expect([...map.values()].sort()).toEqual([...oracle.values()].sort());
            const seen: [string, number][] = [];
            map.forEach((v, k) => seen.push([k, v]));
            expect(new Map(seen)).toEqual(oracle);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("stays one layer deep and turns into a plain Map past its limit", () => {
    const base = new Map(Array.from({ length: 100 }, (_, i) => [`k${i}`, i] as const));
    const once = PatchedMap.of(base, [["k1", -1]], 3);
    const twice = PatchedMap.of(once, [["k2", -2]], 3);
    expect(twice).toBeInstanceOf(PatchedMap);
    expect(twice.get("k1")).toBe(-1);
    const flat = PatchedMap.of(twice, [
      ["k3", undefined],
      ["new", 7],
    ]);
    expect(flat).toBeInstanceOf(PatchedMap); // default limit: max(64, 100/16)
    expect(PatchedMap.of(flat, [["k4", 4]], 3)).toBeInstanceOf(Map);
    expect(PatchedMap.of(flat, [["k4", 4]], 3)).not.toBeInstanceOf(PatchedMap);
  });
});
