// GET /opendepot/ui/v1/resources/{namespace}/{kind}/{name}/versions (docs/browse-api.md §6.4).

import { compareStrings } from "../registry/compare";
import type { Viewer } from "../auth/viewer";
import { normalizeVersion } from "../registry/version";
import { rowJson, type VersionRow } from "./json";
import { getResource, validateKind, type ResourcePath } from "./lookup";
import { enumParam, PAGE_PARAMS, pageParams, paginate, single, type Page, type QueryParams } from "./params";
import { downloadsInUse, type BrowseState } from "./state";

const VERSION_SYNC_FILTERS = ["true", "false", "progressing", "failed"] as const;

export type VersionsResponse = Page<VersionRow> & { availableOS?: string[]; availableArch?: string[] };

const sortStrings = (values: Iterable<string>) => [...new Set(values)].filter((v) => v !== "").sort(compareStrings);

export const VERSION_PARAMS = ["synced", "q", "os", "arch", ...PAGE_PARAMS] as const;

export function listVersions(
  state: BrowseState,
  viewer: Viewer,
  path: ResourcePath,
  q: QueryParams,
  now = Date.now(),
): VersionsResponse {
  const kind = validateKind(path);
  const synced = enumParam(single(q, "synced"), "synced", VERSION_SYNC_FILTERS);
  const { page, pageSize } = pageParams(q);
  const r = getResource(state, viewer, kind, path);
  const text = normalizeVersion(single(q, "q") ?? "").toLowerCase();
  const os = single(q, "os")?.trim().toLowerCase();
  const arch = single(q, "arch")?.trim().toLowerCase();
  const rows = r.versions.filter((v) => {
    if (synced === "true" && v.syncState !== "synced") return false;
    if (synced === "false" && v.syncState === "synced") return false;
    if (synced === "progressing" && v.syncState !== "progressing") return false;
    if (synced === "failed" && v.syncState !== "failed") return false;
    if (text !== "" && !v.normalized.toLowerCase().includes(text)) return false;
    // Module rows have no os/arch, so a given value leaves nothing.
    if (os !== undefined && (kind === "module" || v.os.trim().toLowerCase() !== os)) return false;
    if (arch !== undefined && (kind === "module" || v.arch.trim().toLowerCase() !== arch)) return false;
    return true;
  });
  const perVersion = downloadsInUse(state, now)?.versionTotals.get(r.id);
  const result = paginate(rows, page, pageSize);
  const availableOS = kind === "provider" ? sortStrings(r.versions.map((v) => v.os)) : [];
  const availableArch = kind === "provider" ? sortStrings(r.versions.map((v) => v.arch)) : [];
  return {
    ...result,
    items: result.items.map((v) => rowJson(state.index, v, kind, perVersion)),
    ...(availableOS.length > 0 ? { availableOS } : {}),
    ...(availableArch.length > 0 ? { availableArch } : {}),
  };
}
