// What changed in a module's interface between two versions, with breaking changes flagged
// against the version bump (issue 15, "diff rules").

import { comparePrecedence, normalizeVersion, parseVersion } from "../registry/version";
import type { ArchiveInterface, Bump, Change, Input, Interface, Output, RequiredProvider } from "./types";

const json = (v: unknown) => JSON.stringify(v);

function byName<T extends { name: string }>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((x) => [x.name, x]));
}

/** One Change per name: its findings joined, breaking when any finding is. */
function changed(kind: Change["kind"], name: string, findings: [string, boolean][]): Change | undefined {
  if (findings.length === 0) return undefined;
  return {
    kind,
    name,
    change: "changed",
    breaking: findings.some(([, b]) => b),
    what: findings.map(([w]) => w).join("; "),
  };
}

function inputChanges(a: readonly Input[], b: readonly Input[]): Change[] {
  const before = byName(a);
  const after = byName(b);
  const out: Change[] = [];
  for (const name of before.keys())
    if (!after.has(name)) out.push({ kind: "input", name, change: "removed", breaking: true, what: "input removed" });
  for (const [name, y] of after) {
    const x = before.get(name);
    if (!x) {
      out.push({
        kind: "input",
        name,
        change: "added",
        breaking: y.required,
        what: y.required ? "new required input" : "new optional input",
      });
      continue;
    }
    const f: [string, boolean][] = [];
    if (!x.required && y.required) f.push(["became required (default removed)", true]);
    if (x.required && !y.required) f.push(["became optional", false]);
    if ((x.type ?? "any") !== (y.type ?? "any"))
      f.push([`type changed from ${x.type ?? "any"} to ${y.type ?? "any"}`, true]);
    if (!x.required && !y.required && json(x.default) !== json(y.default))
      f.push([`default changed from ${json(x.default)} to ${json(y.default)}`, false]);
    if (x.nullable !== y.nullable) f.push([y.nullable ? "now nullable" : "no longer nullable", false]);
    if (x.sensitive !== y.sensitive) f.push([y.sensitive ? "now sensitive" : "no longer sensitive", false]);
    if ((x.description ?? "") !== (y.description ?? "")) f.push(["description changed", false]);
    const c = changed("input", name, f);
    if (c) out.push(c);
  }
  return out;
}

function outputChanges(a: readonly Output[], b: readonly Output[]): Change[] {
  const before = byName(a);
  const after = byName(b);
  const out: Change[] = [];
  for (const name of before.keys())
    if (!after.has(name)) out.push({ kind: "output", name, change: "removed", breaking: true, what: "output removed" });
  for (const [name, y] of after) {
    const x = before.get(name);
    if (!x) {
      out.push({ kind: "output", name, change: "added", breaking: false, what: "new output" });
      continue;
    }
    const f: [string, boolean][] = [];
    if (x.sensitive !== y.sensitive) f.push([y.sensitive ? "now sensitive" : "no longer sensitive", false]);
    if ((x.description ?? "") !== (y.description ?? "")) f.push(["description changed", false]);
    const c = changed("output", name, f);
    if (c) out.push(c);
  }
  return out;
}

function providerChanges(a: readonly RequiredProvider[], b: readonly RequiredProvider[]): Change[] {
  const before = byName(a);
  const after = byName(b);
  const out: Change[] = [];
  for (const name of before.keys())
    if (!after.has(name))
      out.push({ kind: "provider", name, change: "removed", breaking: false, what: "no longer required" });
  for (const [name, y] of after) {
    const x = before.get(name);
    if (!x) {
      out.push({ kind: "provider", name, change: "added", breaking: true, what: "new required provider" });
      continue;
    }
    const f: [string, boolean][] = [];
    if ((x.source ?? "") !== (y.source ?? ""))
      f.push([`source changed from ${x.source ?? "(none)"} to ${y.source ?? "(none)"}`, true]);
    if ((x.versionConstraints ?? "") !== (y.versionConstraints ?? "")) {
      f.push([
        `constraints changed from ${x.versionConstraints ?? "(none)"} to ${y.versionConstraints ?? "(none)"}`,
        false,
      ]);
    }
    const c = changed("provider", name, f);
    if (c) out.push(c);
  }
  return out;
}

function coreChanges(a: readonly string[], b: readonly string[]): Change[] {
  const x = a.join(", ");
  const y = b.join(", ");
  if (x === y) return [];
  return [
    {
      kind: "core",
      name: "terraform",
      change: "changed",
      breaking: false,
      what: `required version changed from ${x || "(none)"} to ${y || "(none)"}`,
    },
  ];
}

function submoduleChanges(a: readonly { path: string }[], b: readonly { path: string }[]): Change[] {
  const before = new Set(a.map((s) => s.path));
  const after = new Set(b.map((s) => s.path));
  return [
    ...[...before]
      .filter((p) => !after.has(p))
      .map((name): Change => ({
        kind: "submodule",
        name,
        change: "removed",
        breaking: true,
        what: "submodule removed",
      })),
    ...[...after]
      .filter((p) => !before.has(p))
      .map((name): Change => ({ kind: "submodule", name, change: "added", breaking: false, what: "new submodule" })),
  ];
}

export function interfaceChanges(
  a: Interface & Pick<ArchiveInterface, "submodules">,
  b: Interface & Pick<ArchiveInterface, "submodules">,
): Change[] {
  return [
    ...inputChanges(a.inputs, b.inputs),
    ...outputChanges(a.outputs, b.outputs),
    ...providerChanges(a.requiredProviders, b.requiredProviders),
    ...coreChanges(a.requiredCore, b.requiredCore),
    ...submoduleChanges(a.submodules, b.submodules),
  ];
}

/** The kind of version step from `from` to `to` (SemVer; other spellings compare by precedence only). */
export function versionBump(from: string, to: string): Bump {
  const a = parseVersion(normalizeVersion(from));
  const b = parseVersion(normalizeVersion(to));
  const order = comparePrecedence(a, b);
  if (order > 0) return "downgrade";
  if (order === 0) return "none";
  if (!a.core || !b.core) return "major";
  if (a.core[0] !== b.core[0]) return "major";
  if (a.core[1] !== b.core[1]) return "minor";
  if (a.core[2] !== b.core[2]) return "patch";
  return "prerelease";
}

const VERDICTS: ReadonlyMap<Bump, string> = new Map<Bump, string>([
  ["major", "ok"],
  ["minor", "breaking change in a minor release"],
  ["patch", "breaking change in a patch release"],
  ["prerelease", "breaking change between pre-releases of one version"],
  ["none", "breaking change without a version change"],
  ["downgrade", "breaking change (the target is older)"],
]);

export function verdict(bump: Bump, breaking: boolean): string {
  return breaking ? (VERDICTS.get(bump) ?? "ok") : "ok";
}
