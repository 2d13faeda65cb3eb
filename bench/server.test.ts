import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { mainIsolate, parseGcPauses } from "./server";

/** What `node --expose-gc --trace-gc-nvp -e script` prints: a real collector trace to parse. */
function traceGc(script: string): string {
  return spawnSync(process.execPath, ["--expose-gc", "--trace-gc-nvp", "-e", script], { encoding: "utf8" }).stdout;
}

describe("parseGcPauses", () => {
  it("reads each pause of a real --trace-gc-nvp run, with the phases it spent its time in", () => {
    const pauses = parseGcPauses(
      traceGc(
        "let a = []; for (let i = 0; i < 3e5; i++) a.push({ i }); gc(); a = []; for (let i = 0; i < 1e6; i++) a.push([i]);",
      ),
    );
    const full = pauses.find((p) => p.kind === "Mark-Compact");
    expect(full).toBeDefined();
    expect(pauses.some((p) => p.kind === "Scavenge")).toBe(true);
    expect(full!.phases.map((p) => p.name.split(" ")[0])).toContain("mark");
    // Phases are the pause's own parts, longest first, none longer than the pause.
    for (const p of pauses) {
      expect(p.phases.map((x) => x.ms)).toEqual([...p.phases.map((x) => x.ms)].sort((a, b) => b - a));
      expect(p.phases.every((x) => x.ms <= p.ms + 0.05)).toBe(true);
      expect(p.phases.some((x) => /^(pause|mutator|allocated|total_size)/.test(x.name))).toBe(false);
      expect(p.heapAfterBytes).toBeGreaterThan(0);
    }
  });

  it("reads what each collection promoted: kept objects are, garbage is not", () => {
    const promoted = (script: string) =>
      parseGcPauses(traceGc(script))
        .filter((p) => p.kind === "Scavenge")
        .reduce((sum, p) => sum + p.promotedBytes, 0);
    // 300,000 small arrays kept alive through every scavenge: well over 5 MB end up in the old space.
    const kept = promoted("const a = []; for (let i = 0; i < 3e5; i++) a.push([i, i + 1]);");
    // The same allocations, dropped at once: hardly anything survives twice.
    const dropped = promoted("let x; for (let i = 0; i < 3e5; i++) x = [i, i + 1];");
    expect(kept).toBeGreaterThan(5e6);
    expect(dropped).toBeLessThan(kept / 20);
  });

  it("tells the main thread's pauses from a worker thread's, whose heap is its own", () => {
    // The main thread only allocates (scavenges); the worker forces full collections.
    const stdout = traceGc(
      `let a = []; for (let i = 0; i < 2e5; i++) a.push([i]);
       const { Worker } = require("node:worker_threads");
       new Worker("for (let i = 0; i < 3; i++) { let b = []; for (let j = 0; j < 1e5; j++) b.push({ j }); gc(); }", { eval: true });`,
    );
    const isolates = new Set([...stdout.matchAll(/^\[\d+:(0x[0-9a-f]+)\]/gm)].map((m) => m[1]));
    expect(isolates.size).toBe(2);
    const pauses = parseGcPauses(stdout);
    const main = pauses.filter((p) => p.thread === "main");
    const worker = pauses.filter((p) => p.thread === "worker");
    expect(main.length).toBeGreaterThan(0);
    expect(main.every((p) => p.kind === "Scavenge")).toBe(true);
    expect(worker.filter((p) => p.kind === "Mark-Compact").length).toBeGreaterThanOrEqual(3);
    // A slice of the output taken after the worker started still knows which heap is the main one.
    const tail = stdout.slice(stdout.lastIndexOf("gc=mc"));
    expect(parseGcPauses(tail, mainIsolate(stdout)).every((p) => p.thread === "worker")).toBe(true);
  });
});
