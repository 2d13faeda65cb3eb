// Which Versions belong to which Module or Provider (docs/browse-api.md §3.4), through the index build.

import { describe, expect, it } from "vitest";
import { module, ns, provider, stateFromYaml, version } from "../../testing/fixture";

describe("linking (docs/browse-api.md §3.4)", () => {
  it("links by owner reference, config ref (metadata or config name) and label, one parent per Version", () => {
    const s = stateFromYaml(
      ns("p", true) +
        module("p", "vpc", "", { configName: "terraform-aws-vpc" }) +
        module("p", "eks") +
        provider("p", "aws") +
        version("p", "v-owner", "1.0.0", { owner: { kind: "Module", name: "vpc" } }) +
        version("p", "v-ref-meta", "1.1.0", { moduleRef: "vpc" }) +
        version("p", "v-ref-config", "1.2.0", { moduleRef: "terraform-aws-vpc" }) +
        version("p", "v-label", "1.3.0", { label: { kind: "module", value: "vpc" } }) +
        version("p", "v-label-config", "1.4.0", { label: { kind: "module", value: "terraform-aws-vpc" } }) +
        // Owner (strength 1) beats a config ref (strength 2) to another module.
        version("p", "v-both", "9.0.0", { owner: { kind: "Module", name: "eks" }, moduleRef: "vpc" }) +
        // Type Provider excludes module candidates.
        version("p", "v-typed", "5.0.0", { type: "provider", moduleRef: "vpc", providerRef: "aws" }) +
        version("p", "v-orphan", "1.0.0", { moduleRef: "nothing" }) +
        version("q", "v-other-ns", "1.0.0", { moduleRef: "vpc" }),
    );
    const vpc = s.index.byId.get("module/p/vpc")!;
    expect(vpc.versions.map((v) => v.version.metadata.name)).toEqual([
      "v-label-config",
      "v-label",
      "v-ref-config",
      "v-ref-meta",
      "v-owner",
    ]);
    expect(s.index.byId.get("module/p/eks")!.versions.map((v) => v.version.metadata.name)).toEqual(["v-both"]);
    expect(s.index.byId.get("provider/p/aws")!.versions.map((v) => v.version.metadata.name)).toEqual(["v-typed"]);
  });

  it("on equal strength prefers Modules, then the smaller metadata.name", () => {
    const s = stateFromYaml(
      module("p", "b", "", { configName: "shared" }) +
        module("p", "a", "", { configName: "shared" }) +
        provider("p", "x") +
        version("p", "v1", "1.0.0", { moduleRef: "shared" }) +
        version("p", "v2", "1.0.0", { label: { kind: "module", value: "x" } }) +
        version("p", "v3", "1.0.0", { moduleRef: "x", providerRef: "x" }),
    );
    expect(s.index.byId.get("module/p/a")!.versions.map((v) => v.version.metadata.name)).toEqual(["v1"]);
    expect(s.index.byId.get("module/p/b")!.versions).toHaveLength(0);
    // v2's module label names no module; v3's module ref names no module: both go to the provider.
    expect(s.index.byId.get("provider/p/x")!.versions.map((v) => v.version.metadata.name)).toEqual(["v3"]);
  });
});
