import { describe, expect, it } from "vitest";
import { memoryText } from "./report";

const MIB = 1024 * 1024;

describe("memoryText", () => {
  it("says where the resident memory goes, the heap's spaces largest first and under 1 MiB left out", () => {
    const text = memoryText({
      rss: 452 * MIB,
      heap: 285 * MIB,
      heapUsed: 225 * MIB,
      spaces: new Map([
        ["new_space", 16 * MIB],
        ["old_space", 237 * MIB],
        ["read_only_space", 0],
        ["large_object_space", 19 * MIB],
        ["code_space", 13 * MIB],
      ]),
      external: 24 * MIB,
      otherAnonymous: 72 * MIB,
      files: 71 * MIB,
    });
    expect(text).toBe(
      "RSS 452 MiB = V8 heap 285 (old 237, large object 19, new 16, code 13; 225 in use) + external 24 + other anonymous (malloc, stacks) 72 + files (binary, native modules) 71",
    );
  });
});
