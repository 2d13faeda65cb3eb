// Linking Versions to their Module or Provider (docs/browse-api.md §3.4): one rule for every endpoint.

import { compareStrings } from "../compare";
import { MODULE_LABEL, PROVIDER_LABEL, type Module, type Provider, type Version } from "../types";

type Resource = Module | Provider;

interface NamespaceResources {
  readonly byName: Map<string, Resource>;
  /** Config name → resources with that config name, smallest metadata.name first. */
  readonly byConfigName: Map<string, Resource[]>;
}

function configName(r: Resource): string {
  return r.config.name;
}

function byNs(resources: readonly Resource[]): Map<string, NamespaceResources> {
  const out = new Map<string, NamespaceResources>();
  for (const r of resources) {
    let ns = out.get(r.metadata.namespace);
    if (!ns) out.set(r.metadata.namespace, (ns = { byName: new Map(), byConfigName: new Map() }));
    ns.byName.set(r.metadata.name, r);
    const cn = configName(r);
    if (cn !== "") {
      const list = ns.byConfigName.get(cn) ?? [];
      list.push(r);
      ns.byConfigName.set(cn, list);
    }
  }
  for (const ns of out.values()) for (const list of ns.byConfigName.values()) list.sort(byName);
  return out;
}

function byName(a: Resource, b: Resource): number {
  return compareStrings(a.metadata.name, b.metadata.name);
}

/** The candidates of one kind for a Version, per signal strength (index 0 = strength 1). */
function candidates(v: Version, kind: "Module" | "Provider", ns: NamespaceResources | undefined): Resource[][] {
  const out: Resource[][] = [[], [], [], [], []];
  if (!ns) return out;
  for (const ref of v.metadata.ownerReferences) {
    if (ref.kind !== kind || ref.name === "") continue;
    const r = ns.byName.get(ref.name);
    if (r) out[0]!.push(r);
  }
  const ref = kind === "Module" ? v.spec.moduleConfigRefName : v.spec.providerConfigRefName;
  if (ref !== "") {
    const r = ns.byName.get(ref);
    if (r) out[1]!.push(r);
    out[2]!.push(...(ns.byConfigName.get(ref) ?? []));
  }
  const label = v.metadata.labels[kind === "Module" ? MODULE_LABEL : PROVIDER_LABEL] ?? "";
  if (label !== "") {
    const r = ns.byName.get(label);
    if (r) out[3]!.push(r);
    out[4]!.push(...(ns.byConfigName.get(label) ?? []));
  }
  return out;
}

function smallest(list: Resource[]): Resource | undefined {
  let best: Resource | undefined;
  for (const r of list) if (!best || byName(r, best) < 0) best = r;
  return best;
}

/** Resources by namespace, name and config name: what a Version's owner is looked up in. */
export interface LinkTable {
  readonly modules: ReadonlyMap<string, NamespaceResources>;
  readonly providers: ReadonlyMap<string, NamespaceResources>;
}

export function linkTable(modules: readonly Module[], providers: readonly Provider[]): LinkTable {
  return { modules: byNs(modules), providers: byNs(providers) };
}

/** A Version's one owner, or undefined for an orphan. */
export function ownerOf(v: Version, table: LinkTable): Resource | undefined {
  const ns = v.metadata.namespace;
  const m = v.spec.type === "Provider" ? undefined : candidates(v, "Module", table.modules.get(ns));
  const p = v.spec.type === "Module" ? undefined : candidates(v, "Provider", table.providers.get(ns));
  let owner: Resource | undefined;
  for (let s = 0; s < 5 && !owner; s++) {
    // Equal strength: Modules before Providers, then the smaller metadata.name.
    owner = smallest(m?.[s] ?? []) ?? smallest(p?.[s] ?? []);
  }
  return owner;
}

/** Maps each linked Version to its one owner; orphans are absent. */
export function linkVersions(
  modules: readonly Module[],
  providers: readonly Provider[],
  versions: readonly Version[],
  table: LinkTable = linkTable(modules, providers),
): Map<Resource, Version[]> {
  const linked = new Map<Resource, Version[]>();
  for (const v of versions) {
    const owner = ownerOf(v, table);
    if (!owner) continue;
    const list = linked.get(owner);
    if (list) list.push(v);
    else linked.set(owner, [v]);
  }
  return linked;
}
