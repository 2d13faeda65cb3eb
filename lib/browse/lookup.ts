// Single-resource lookup shared by detail, versions and scan-findings (docs/browse-api.md §4.2):
// the path kind is validated first, and a missing and an invisible resource give the same 404.

import type { Viewer } from "../auth/viewer";
import { NotFoundError } from "../errors";
import type { ResourceEntry } from "../registry/index/types";
import type { ResourceKind } from "../registry/types";
import { pathKind } from "./params";
import type { BrowseState } from "./state";
import { canSeeResource } from "../auth/visibility";

export interface ResourcePath {
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
}

export function validateKind(path: ResourcePath): ResourceKind {
  return pathKind(path.kind);
}

export function getResource(state: BrowseState, viewer: Viewer, kind: ResourceKind, path: ResourcePath): ResourceEntry {
  const r = state.index.byId.get(`${kind}/${path.namespace}/${path.name}`);
  if (!r || !canSeeResource(viewer, r)) throw new NotFoundError();
  return r;
}
