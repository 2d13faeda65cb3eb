// Who may see what (docs/browse-api.md §3.2, §3.8; docs/auth.md §3): the only place that decides it. The
// index records the facts (an object's public flag, a resource's registry name, what a depot
// manages); the Viewer is what the gate made of the caller; the rules below join the two.
// lib/browse/visibility.ts applies them once per (index, Viewer class) and caches the result.

import { compareStrings } from "../registry/compare";
import type { GroupBinding, ResourceKind } from "../registry/types";
import type { Viewer } from "./viewer";

/** What the rules read of a resource. */
export interface VisibleResourceFacts {
  readonly kind: ResourceKind;
  /** `spec.moduleConfig.name` / `spec.providerConfig.name`, else `metadata.name`: what grants match. */
  readonly registryName: string;
  readonly isPublic: boolean;
}

/** Everyone sees public resources; `all` sees everything; a binding's grants add the rest. */
export function canSeeResource(viewer: Viewer, r: VisibleResourceFacts): boolean {
  if (viewer.kind === "all" || r.isPublic) return true;
  if (viewer.kind === "public") return false;
  return r.kind === "module"
    ? viewer.binding.matchesModule(r.registryName)
    : viewer.binding.matchesProvider(r.registryName);
}

/**
 * A depot is visible when it is public, to `all`, and to a scoped Viewer when it manages at least
 * one resource that Viewer may see (so a team finds the depot that mirrors its modules).
 */
export function canSeeDepot(
  viewer: Viewer,
  depot: { readonly isPublic: boolean },
  managesVisibleResource: () => boolean,
): boolean {
  return depot.isPublic || viewer.kind === "all" || (viewer.kind === "scoped" && managesVisibleResource());
}

const ordered = new WeakMap<readonly GroupBinding[], readonly GroupBinding[]>();

/** The order the gate tries bindings in: ascending name (code units); computed once per list. */
export function bindingOrder(bindings: readonly GroupBinding[]): readonly GroupBinding[] {
  let sorted = ordered.get(bindings);
  if (!sorted)
    ordered.set(bindings, (sorted = [...bindings].sort((a, b) => compareStrings(a.metadata.name, b.metadata.name))));
  return sorted;
}
