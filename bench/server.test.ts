import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseGcPauses } from "./server";

describe("parseGcPauses", () => {
  it("reads each pause of a real --trace-gc-nvp run, with the phases it spent its time in", () => {
    const run = spawnSync(
      process.execPath,
      [
        "--expose-gc",
        "--trace-gc-nvp",
        "-e",
        "let a = []; for (let i = 0; i < 3e5; i++) a.push({ i }); gc(); a = []; for (let i = 0; i < 1e6; i++) a.push([i]);",
      ],
      { encoding: "utf8" },
    );
    const pauses = parseGcPauses(run.stdout);
    const full = pauses.find((p) => p.kind === "Mark-Compact");
    expect(full).toBeDefined();
    expect(pauses.some((p) => p.kind === "Scavenge")).toBe(true);
    expect(full!.phases.map((p) => p.name.split(" ")[0])).toContain("mark");
    // Phases are the pause's own parts, longest first, none longer than the pause.
    for (const p of pauses) {
      expect(p.phases.map((x) => x.ms)).toEqual([...p.phases.map((x) => x.ms)].sort((a, b) => b - a));
      expect(p.phases.every((x) => x.ms <= p.ms + 0.05)).toBe(true);
      expect(p.phases.some((x) => /^(pause|mutator|allocated|total_size)/.test(x.name))).toBe(false);
    }
  });
});
