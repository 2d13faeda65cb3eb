// lowerBound finds what a linear scan finds, in any sorted list.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareStrings, lowerBound } from "./compare";

describe("lowerBound", () => {
  it("is the first position whose element does not sort before the item", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 })), fc.string({ maxLength: 3 }), (xs, item) => {
        const list = [...xs].sort(compareStrings);
        const scan = list.findIndex((x) => compareStrings(x, item) >= 0);
        expect(lowerBound(list, item, compareStrings)).toBe(scan < 0 ? list.length : scan);
      }),
    );
  });
});
