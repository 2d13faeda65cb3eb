// The Viewer: who the gate decided a caller is (docs/auth.md §1), with the grants of its binding.
// What a Viewer may see is decided in visibility.ts.

import type { GroupBinding } from "../registry/types";
import { compileGlob, type GlobMatcher } from "./glob";

export interface Identity {
  readonly subject: string;
  readonly name?: string;
  readonly email?: string;
  readonly groups: readonly string[];
  readonly tokenSource: "header" | "session" | "dev-token";
  /** Seconds since the epoch (`exp`). */
  readonly expiresAt: number;
}

/** A GroupBinding prepared for grant checks; compiled once per binding change. */
export interface BindingGrants {
  readonly name: string;
  readonly namespace: string;
  readonly moduleResources: readonly string[];
  readonly providerResources: readonly string[];
  /** Identifies the binding for result caches: name + expression text + grants. */
  readonly cacheKey: string;
  matchesModule(registryName: string): boolean;
  matchesProvider(registryName: string): boolean;
}

export type Viewer =
  | { readonly kind: "all"; readonly identity?: Identity }
  | { readonly kind: "public"; readonly identity?: Identity }
  | { readonly kind: "scoped"; readonly identity: Identity; readonly binding: BindingGrants };

export const ALL_VIEWER: Viewer = { kind: "all" };
export const PUBLIC_VIEWER: Viewer = { kind: "public" };

/** A key that separates result caches by what the Viewer may see, never by who it is. */
export function viewerCacheKey(viewer: Viewer): string {
  return viewer.kind === "scoped" ? `scoped\u0000${viewer.binding.cacheKey}` : viewer.kind;
}

export function bindingGrants(binding: GroupBinding): BindingGrants {
  const globs: GlobMatcher[] = binding.moduleResources.map(compileGlob);
  const providerAll = binding.providerResources.includes("*");
  const providerNames = new Set(binding.providerResources);
  return {
    name: binding.metadata.name,
    namespace: binding.metadata.namespace,
    moduleResources: binding.moduleResources,
    providerResources: binding.providerResources,
    cacheKey: JSON.stringify([
      binding.metadata.name,
      binding.expression,
      binding.moduleResources,
      binding.providerResources,
    ]),
    matchesModule: (name) => globs.some((g) => g(name)),
    matchesProvider: (name) => providerAll || providerNames.has(name),
  };
}
