// The visible sets of one index are bounded: a registry with many GroupBindings cannot grow them
// without limit, and an evicted Viewer class gets the same set again when it returns.

import { describe, expect, it } from "vitest";
import { bindingGrants, type Viewer } from "../auth/viewer";
import { module, ns, stateFromYaml } from "../testing/fixture";
import type { GroupBinding } from "../registry/types";
import { MAX_VIEWER_CLASSES, visibleSet } from "./visibility";

function scoped(name: string): Viewer {
  const binding: GroupBinding = {
    kind: "GroupBinding",
    metadata: { name, namespace: "opendepot-system", labels: {}, ownerReferences: [] },
    expression: `"${name}" in groups`,
    moduleResources: ["vpc"],
    providerResources: [],
  };
  return {
    kind: "scoped",
    identity: { subject: "u", groups: [name], tokenSource: "header", expiresAt: 0 },
    binding: bindingGrants(binding),
  };
}

describe("visibleSet", () => {
  const { index } = stateFromYaml(ns("platform", false) + module("platform", "vpc", ""));

  it("is computed once per Viewer class while the class is in use", () => {
    const a = scoped("a");
    expect(visibleSet(index, a)).toBe(visibleSet(index, scoped("a")));
    expect(visibleSet(index, a).resources.map((r) => r.name)).toEqual(["vpc"]);
  });

  it("keeps at most MAX_VIEWER_CLASSES classes and recomputes an evicted one alike", () => {
    const first = visibleSet(index, scoped("class-0"));
    for (let i = 1; i <= MAX_VIEWER_CLASSES; i++) visibleSet(index, scoped(`class-${i}`));
    const again = visibleSet(index, scoped("class-0"));
    expect(again).not.toBe(first);
    expect(again.resources).toEqual(first.resources);
  });
});
