import { describe, expect, it } from "vitest";
import { interfaceChanges, verdict, versionBump } from "./diff";
import { EMPTY_INTERFACE } from "./model";
import type { Input, Interface } from "./types";

const input = (name: string, extra: Partial<Input> = {}): Input => ({
  name,
  required: !Object.hasOwn(extra, "default"),
  sensitive: false,
  nullable: true,
  ...extra,
});
const mod = (over: Partial<Interface> = {}, submodules: string[] = []) => ({
  ...EMPTY_INTERFACE,
  ...over,
  submodules: submodules.map((path) => ({ path, ...EMPTY_INTERFACE })),
});
const changes = (a: ReturnType<typeof mod>, b: ReturnType<typeof mod>) =>
  interfaceChanges(a, b).map((c) => [c.kind, c.name, c.change, c.breaking, c.what]);

describe("diff rules", () => {
  const table: [string, ReturnType<typeof mod>, ReturnType<typeof mod>, unknown[][]][] = [
    [
      "input removed",
      mod({ inputs: [input("a", { default: 1 })] }),
      mod(),
      [["input", "a", "removed", true, "input removed"]],
    ],
    [
      "required input added",
      mod(),
      mod({ inputs: [input("a")] }),
      [["input", "a", "added", true, "new required input"]],
    ],
    [
      "optional input added",
      mod(),
      mod({ inputs: [input("a", { default: null })] }),
      [["input", "a", "added", false, "new optional input"]],
    ],
    [
      "default removed",
      mod({ inputs: [input("a", { default: 1 })] }),
      mod({ inputs: [input("a")] }),
      [["input", "a", "changed", true, "became required (default removed)"]],
    ],
    [
      "type changed",
      mod({ inputs: [input("a", { type: "number" })] }),
      mod({ inputs: [input("a", { type: "string" })] }),
      [["input", "a", "changed", true, "type changed from number to string"]],
    ],
    [
      "default changed",
      mod({ inputs: [input("a", { default: 1 })] }),
      mod({ inputs: [input("a", { default: 2 })] }),
      [["input", "a", "changed", false, "default changed from 1 to 2"]],
    ],
    [
      "description changed",
      mod({ inputs: [input("a", { description: "x" })] }),
      mod({ inputs: [input("a", { description: "y" })] }),
      [["input", "a", "changed", false, "description changed"]],
    ],
    [
      "output removed",
      mod({ outputs: [{ name: "o", sensitive: false }] }),
      mod(),
      [["output", "o", "removed", true, "output removed"]],
    ],
    [
      "output added",
      mod(),
      mod({ outputs: [{ name: "o", sensitive: false }] }),
      [["output", "o", "added", false, "new output"]],
    ],
    [
      "provider added",
      mod(),
      mod({ requiredProviders: [{ name: "aws", source: "hashicorp/aws" }] }),
      [["provider", "aws", "added", true, "new required provider"]],
    ],
    [
      "provider source changed",
      mod({ requiredProviders: [{ name: "aws", source: "hashicorp/aws" }] }),
      mod({ requiredProviders: [{ name: "aws", source: "example/aws" }] }),
      [["provider", "aws", "changed", true, "source changed from hashicorp/aws to example/aws"]],
    ],
    [
      "provider constraint changed",
      mod({ requiredProviders: [{ name: "aws", versionConstraints: ">= 5.0" }] }),
      mod({ requiredProviders: [{ name: "aws", versionConstraints: ">= 5.1" }] }),
      [["provider", "aws", "changed", false, "constraints changed from >= 5.0 to >= 5.1"]],
    ],
    [
      "core constraint changed",
      mod({ requiredCore: [">= 1.5"] }),
      mod({ requiredCore: [">= 1.6"] }),
      [["core", "terraform", "changed", false, "required version changed from >= 1.5 to >= 1.6"]],
    ],
    [
      "submodule removed",
      mod({}, ["modules/a"]),
      mod(),
      [["submodule", "modules/a", "removed", true, "submodule removed"]],
    ],
    ["submodule added", mod(), mod({}, ["modules/a"]), [["submodule", "modules/a", "added", false, "new submodule"]]],
    ["nothing changed", mod({ inputs: [input("a")] }), mod({ inputs: [input("a")] }), []],
  ];
  it.each(table)("%s", (_, a, b, want) => {
    expect(changes(a, b)).toEqual(want);
  });

  it("classifies the version step", () => {
    expect(versionBump("1.2.3", "2.0.0")).toBe("major");
    expect(versionBump("1.2.3", "1.3.0")).toBe("minor");
    expect(versionBump("1.2.3", "1.2.4")).toBe("patch");
    expect(versionBump("1.3.0-rc.1", "1.3.0")).toBe("prerelease");
    expect(versionBump("1.2.3", "v1.2.3")).toBe("none");
    expect(versionBump("1.3.0", "1.2.0")).toBe("downgrade");
  });

  it("flags breaking changes against the bump", () => {
    expect(verdict("major", true)).toBe("ok");
    expect(verdict("minor", true)).toBe("breaking change in a minor release");
    expect(verdict("patch", true)).toBe("breaking change in a patch release");
    expect(verdict("patch", false)).toBe("ok");
  });
});
