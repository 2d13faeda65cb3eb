// GET …/resources/{namespace}/module/{name}/interface and …/interface/diff (issue 15): the module
// interface read from a version's archive, and what changed between two versions. Same gate as
// every resource endpoint: a module the viewer may not see (and any provider) is a 404, and the
// visibility check runs before the archive cache is consulted.

import type { Viewer } from "../auth/viewer";
import { NotFoundError } from "../errors";
import { archiveCacheKey, type InterfaceService } from "../interface/service";
import type { ArchiveRequest } from "../interface/archive-source";
import { interfaceChanges, verdict, versionBump } from "../interface/diff";
import type { DiffResponse, InterfaceResponse } from "../interface/types";
import type { ResourceEntry, VersionEntry } from "../registry/index/types";
import { isRelease, isSameVersion, normalizeVersion, parseVersion } from "../registry/version";
import { getResource, validateKind, type ResourcePath } from "./lookup";
import { single, type QueryParams } from "./params";
import type { BrowseState } from "./state";

function moduleEntry(state: BrowseState, viewer: Viewer, path: ResourcePath): ResourceEntry {
  const kind = validateKind(path);
  const r = getResource(state, viewer, kind, path);
  if (r.kind !== "module") throw new NotFoundError();
  return r;
}

/** The newest synced version (rows are newest first), else the newest. */
export function defaultVersion(r: ResourceEntry): VersionEntry | undefined {
  return r.versions.find((v) => v.syncState === "synced") ?? r.versions[0];
}

/** The row for a requested spelling (`v1.2.0` and `1.2.0` alike), a synced one first; else 404. */
function pickVersion(r: ResourceEntry, requested: string | undefined): VersionEntry {
  if (requested === undefined) {
    const v = defaultVersion(r);
    if (!v) throw new NotFoundError();
    return v;
  }
  const want = parseVersion(normalizeVersion(requested));
  const matches = r.versions.filter((v) => isSameVersion(v.parsed, want));
  const v = matches.find((m) => m.syncState === "synced") ?? matches[0];
  if (!v) throw new NotFoundError();
  return v;
}

/** The release before `to` (nearest older release, else nearest older version, else `to`). */
export function previousVersion(r: ResourceEntry, to: VersionEntry): VersionEntry {
  const older = r.versions.filter(
    (v) => !isSameVersion(v.parsed, to.parsed) && r.versions.indexOf(v) > r.versions.indexOf(to),
  );
  return (
    older.find((v) => isRelease(v.parsed) && v.syncState === "synced") ??
    older.find((v) => isRelease(v.parsed)) ??
    older[0] ??
    to
  );
}

export function archiveRequest(r: ResourceEntry, v: VersionEntry): ArchiveRequest {
  const mod = r.resource.kind === "Module" ? r.resource : undefined;
  const own = mod?.config.storageConfig;
  const fs =
    own?.s3 || own?.gcs || own?.azureStorage
      ? undefined
      : (own?.fileSystem ?? r.managingDepot?.depot.storageConfig?.fileSystem);
  return {
    namespace: r.namespace,
    name: r.registryName,
    ...(mod?.config.provider ? { system: mod.config.provider } : {}),
    version: v.normalized,
    fileName: v.version.spec.fileName,
    ...(r.effectiveBackend === "fileSystem" && fs ? { fileSystemDir: fs.directoryPath ?? "" } : {}),
  };
}

async function load(service: InterfaceService, r: ResourceEntry, v: VersionEntry) {
  const req = archiveRequest(r, v);
  return service.get(archiveCacheKey(v.version.status.checksum || undefined, req), req);
}

export const INTERFACE_PARAMS = ["version"] as const;
export const INTERFACE_DIFF_PARAMS = ["from", "to"] as const;

export async function getModuleInterface(
  state: BrowseState,
  viewer: Viewer,
  path: ResourcePath,
  q: QueryParams,
  service: InterfaceService,
): Promise<InterfaceResponse> {
  const r = moduleEntry(state, viewer, path);
  const v = pickVersion(r, single(q, "version"));
  return { version: v.normalized, ...(await load(service, r, v)) };
}

export async function getInterfaceDiff(
  state: BrowseState,
  viewer: Viewer,
  path: ResourcePath,
  q: QueryParams,
  service: InterfaceService,
): Promise<DiffResponse> {
  const r = moduleEntry(state, viewer, path);
  const to = pickVersion(r, single(q, "to"));
  const fromParam = single(q, "from");
  const from = fromParam === undefined ? previousVersion(r, to) : pickVersion(r, fromParam);
  const [a, b] = await Promise.all([load(service, r, from), load(service, r, to)]);
  const bump = versionBump(from.normalized, to.normalized);
  const base = { from: from.normalized, to: to.normalized, bump };
  const notOk = a.status !== "ok" ? (["from", a] as const) : b.status !== "ok" ? (["to", b] as const) : undefined;
  if (notOk) {
    const [which, x] = notOk;
    return {
      ...base,
      status: x.status,
      error: `${which} ${which === "from" ? base.from : base.to}: ${x.error ?? x.status}`,
      breaking: false,
      verdict: "unknown",
      changes: [],
    };
  }
  const changes = interfaceChanges({ ...a.root, submodules: a.submodules }, { ...b.root, submodules: b.submodules });
  const breaking = changes.some((c) => c.breaking);
  return { ...base, status: "ok", breaking, verdict: verdict(bump, breaking), changes };
}
