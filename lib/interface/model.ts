// From parsed Terraform files (hcl2json's JSON for `.tf`, the document itself for `.tf.json`) to
// the Interface. Both shapes are Terraform's JSON configuration syntax: a block is an object or a
// list of objects, and an expression is a string (hcl2json wraps non-literal ones in `${…}`).
// Keys come from the archive, so objects are only walked with Object.entries and ownValue().

import { ownValue } from "../own";
import type { Input, Interface, ModuleCall, Output, ParsedFile, RequiredProvider, Resource } from "./types";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A block body given as an object or a list of objects → the list. */
function bodies(v: unknown): Obj[] {
  if (Array.isArray(v)) return v.filter(isObj);
  return isObj(v) ? [v] : [];
}

/** `${map(string)}` → `map(string)`: a type or reference as written. */
function unwrap(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  const m = /^\$\{([\s\S]*)\}$/.exec(v.trim());
  return (m ? m[1]! : v).trim();
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Named blocks (`variable "x" {…}`): yields [name, body] for every declaration in every file. */
function* named(files: readonly ParsedFile[], block: string): Generator<[string, Obj]> {
  for (const f of files) {
    if (!isObj(f.json)) continue;
    for (const group of bodies(ownValue(f.json, block))) {
      for (const [name, value] of Object.entries(group)) for (const body of bodies(value)) yield [name, body];
    }
  }
}

function inputs(files: readonly ParsedFile[]): Input[] {
  const out = new Map<string, Input>();
  for (const [name, b] of named(files, "variable")) {
    const type = unwrap(ownValue(b, "type"));
    const description = str(ownValue(b, "description"));
    const hasDefault = Object.hasOwn(b, "default");
    out.set(name, {
      name,
      ...(type !== undefined ? { type } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(hasDefault ? { default: ownValue(b, "default") } : {}),
      // Required only without a default: `default = null` is optional with a null default.
      required: !hasDefault,
      sensitive: ownValue(b, "sensitive") === true,
      nullable: ownValue(b, "nullable") !== false,
    });
  }
  return [...out.values()].sort(byName);
}

function outputs(files: readonly ParsedFile[]): Output[] {
  const out = new Map<string, Output>();
  for (const [name, b] of named(files, "output")) {
    const description = str(ownValue(b, "description"));
    out.set(name, {
      name,
      ...(description !== undefined ? { description } : {}),
      sensitive: ownValue(b, "sensitive") === true,
    });
  }
  return [...out.values()].sort(byName);
}

function resources(files: readonly ParsedFile[]): Resource[] {
  const out = new Map<string, Resource>();
  for (const [block, mode] of [
    ["resource", "managed"],
    ["data", "data"],
  ] as const) {
    for (const f of files) {
      if (!isObj(f.json)) continue;
      for (const group of bodies(ownValue(f.json, block))) {
        for (const [type, byLabel] of Object.entries(group)) {
          for (const labels of bodies(byLabel))
            for (const name of Object.keys(labels)) out.set(`${mode}.${type}.${name}`, { mode, type, name });
        }
      }
    }
  }
  const key = (r: Resource) => `${r.name}\0${r.type}\0${r.mode}`;
  return [...out.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function terraformBlocks(files: readonly ParsedFile[]): Obj[] {
  return files.flatMap((f) => (isObj(f.json) ? bodies(ownValue(f.json, "terraform")) : []));
}

function requiredProviders(files: readonly ParsedFile[]): RequiredProvider[] {
  const out = new Map<string, RequiredProvider>();
  for (const t of terraformBlocks(files)) {
    for (const group of bodies(ownValue(t, "required_providers"))) {
      for (const [name, spec] of Object.entries(group)) {
        const prev = out.get(name);
        // The legacy form `aws = "~> 5.0"` is a bare constraint.
        const source = isObj(spec) ? str(ownValue(spec, "source")) : undefined;
        const version = isObj(spec) ? str(ownValue(spec, "version")) : str(spec);
        const constraints = [prev?.versionConstraints, version].filter((v): v is string => v !== undefined && v !== "");
        const src = source ?? prev?.source;
        out.set(name, {
          name,
          ...(src !== undefined ? { source: src } : {}),
          ...(constraints.length > 0 ? { versionConstraints: [...new Set(constraints)].join(", ") } : {}),
        });
      }
    }
  }
  return [...out.values()].sort(byName);
}

function requiredCore(files: readonly ParsedFile[]): string[] {
  const out = new Set<string>();
  for (const t of terraformBlocks(files)) {
    const v = str(ownValue(t, "required_version"));
    if (v !== undefined && v !== "") out.add(v);
  }
  return [...out];
}

function moduleCalls(files: readonly ParsedFile[]): ModuleCall[] {
  const out = new Map<string, ModuleCall>();
  for (const [name, b] of named(files, "module")) {
    const source = unwrap(ownValue(b, "source")) ?? "";
    const version = str(ownValue(b, "version"));
    out.set(name, { name, source, ...(version !== undefined ? { version } : {}) });
  }
  return [...out.values()].sort(byName);
}

export function buildInterface(files: readonly ParsedFile[]): Interface {
  return {
    inputs: inputs(files),
    outputs: outputs(files),
    resources: resources(files),
    requiredProviders: requiredProviders(files),
    requiredCore: requiredCore(files),
    moduleCalls: moduleCalls(files),
  };
}

export const EMPTY_INTERFACE: Interface = {
  inputs: [],
  outputs: [],
  resources: [],
  requiredProviders: [],
  requiredCore: [],
  moduleCalls: [],
};
