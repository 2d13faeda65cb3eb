// Two copies of a module (as Next's route and page bundles each load one) share what
// processShared holds: the pages and the API reuse one visible set per index and Viewer class.

import { describe, expect, it, vi } from "vitest";
import { PUBLIC_VIEWER } from "./auth/viewer";
import { module, ns, stateFromYaml } from "./testing/fixture";
import { processShared } from "./process-shared";

describe("processShared", () => {
  it("makes a value once per key", () => {
    const make = vi.fn(() => ({}));
    expect(processShared("test/once", make)).toBe(processShared("test/once", make));
    expect(make).toHaveBeenCalledTimes(1);
  });

  it("gives a second copy of lib/browse/visibility the first copy's visible sets", async () => {
    const { index } = stateFromYaml(ns("platform", true) + module("platform", "vpc", ""));
    const first = await import("./browse/visibility");
    vi.resetModules();
    const second = await import("./browse/visibility");
    expect(second.visibleSet).not.toBe(first.visibleSet);
    expect(second.visibleSet(index, PUBLIC_VIEWER)).toBe(first.visibleSet(index, PUBLIC_VIEWER));
  });
});
