// The gate's authorization: GroupBindings in name order, fail closed, limits on groups and work.

import { describe, expect, it } from "vitest";
import { silentLogger } from "../log";
import type { GroupBinding } from "../registry/types";
import { authorize } from "./gate";

const now = () => Math.floor(Date.now() / 1000);

const binding = (name: string, expression: string, modules: string[] = [], providers: string[] = []): GroupBinding => ({
  kind: "GroupBinding",
  metadata: { name, namespace: "opendepot-system", labels: {}, ownerReferences: [] },
  expression,
  moduleResources: modules,
  providerResources: providers,
});
const who = (groups: string[]) => ({
  kind: "identity" as const,
  identity: { subject: "s", groups, tokenSource: "header" as const, expiresAt: now() + 60 },
});

describe("binding evaluation", () => {
  it("takes the first match in name order", () => {
    const v = authorize(
      who(["dev"]),
      [binding("a", '"ops" in groups'), binding("b", '"dev" in groups', ["x-*"]), binding("c", "true")],
      silentLogger,
    );
    expect(v.kind === "scoped" && v.binding.name).toBe("b");
    // The gate decides the order, whatever order the index holds them in.
    const reversed = authorize(
      who(["dev"]),
      [binding("c", "true"), binding("b", '"dev" in groups', ["x-*"]), binding("a", '"ops" in groups')],
      silentLogger,
    );
    expect(reversed.kind === "scoped" && reversed.binding.name).toBe("b");
    expect(v.kind === "scoped" && v.binding.matchesModule("x-y")).toBe(true);
  });
  it("fails closed on an expression error, and never evaluates bindings for users without groups", () => {
    expect(authorize(who(["dev"]), [binding("a", "groups.length"), binding("b", "true")], silentLogger).kind).toBe(
      "public",
    );
    expect(authorize(who([]), [binding("a", "len(groups) == 0")], silentLogger).kind).toBe("public");
  });
  it("fails closed once for a binding that cannot compile: one WARN, however many requests", () => {
    const warnings: Record<string, unknown>[] = [];
    const audit = {
      ...silentLogger,
      warn: (_msg: string, fields?: Record<string, unknown>) => void warnings.push(fields ?? {}),
    };
    const huge = binding("huge", Array.from({ length: 3000 }, (_, i) => `"g${i}" in groups`).join(" or "));
    for (let i = 0; i < 5; i++) expect(authorize(who(["g1"]), [huge, binding("z", "true")], audit).kind).toBe("public");
    expect(warnings).toEqual([
      expect.objectContaining({ event: "expression_invalid", binding: "huge", code: "ERR_EXPRESSION_LIMIT" }),
    ]);
  });
  it("gives the public view to a token with more groups than the limit, and to one that exhausts the budget", () => {
    const groups = Array.from({ length: 1001 }, (_, i) => `g${i}`);
    expect(authorize(who(groups), [binding("a", "true")], silentLogger).kind).toBe("public");
    expect(authorize(who(groups), [binding("a", "true")], silentLogger, 2000).kind).toBe("scoped");
    const nested = binding("n", 'any(groups, any(groups, # == "nobody"))');
    expect(authorize(who(groups.slice(0, 900)), [nested, binding("z", "true")], silentLogger).kind).toBe("public");
  });
  it("matches provider grants exactly or with *", () => {
    const v = authorize(who(["g"]), [binding("a", "true", [], ["aws"])], silentLogger);
    expect(v.kind === "scoped" && [v.binding.matchesProvider("aws"), v.binding.matchesProvider("aws2")]).toEqual([
      true,
      false,
    ]);
    const all = authorize(who(["g"]), [binding("a", "true", [], ["*"])], silentLogger);
    expect(all.kind === "scoped" && all.binding.matchesProvider("anything")).toBe(true);
  });
});
