import { describe, expect, it } from "vitest";
import { gcSummary, gcText, memoryText } from "./report";
import type { GcPause } from "./server";

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

describe("gcSummary", () => {
  const pause = (kind: string, ms: number, promotedBytes: number, thread: GcPause["thread"] = "main"): GcPause => ({
    kind,
    ms,
    thread,
    phases: [],
    heapAfterBytes: 0,
    promotedBytes,
  });

  it("counts the main thread's mark-compacts and what its collections promoted, not a worker's", () => {
    const g = gcSummary([
      pause("Scavenge", 3, 2 * MIB),
      pause("Scavenge", 25, 1 * MIB),
      pause("Mark-Compact", 12, 4 * MIB),
      pause("Mark-Compact", 30, 8 * MIB, "worker"),
    ]);
    expect(g).toMatchObject({ count: 3, over: 1, markCompacts: 1, promotedBytes: 7 * MIB, maxMs: 25 });
    expect(g.workers).toEqual({ count: 1, maxMs: 30 });
    expect(gcText(g, 1024)).toContain("(1 mark-compacts; 7 MiB promoted to the old generation, 7.0 KiB per request);");
    expect(gcText(g)).toBe(
      "GC (main thread): 3 pauses, longest 25.0 ms, 1 over 20 ms ✗ (1 mark-compacts; 7 MiB promoted to the old generation); worker threads' own heaps: 1 pauses, longest 30.0 ms (they do not pause requests)",
    );
  });
});
