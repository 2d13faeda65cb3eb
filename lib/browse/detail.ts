// GET /opendepot/ui/v1/resources/{namespace}/{kind}/{name} (docs/browse-api.md §6.3).

import type { Viewer } from "../auth/viewer";
import type { ReportedFinding } from "../registry/findings";
import { decodeReadme } from "../registry/readme";
import { storageConfigView, backendName, type StorageConfigView } from "../registry/storage";
import { cardJson, rowJson, type Card, type VersionRow } from "./json";
import { getResource, validateKind, type ResourcePath } from "./lookup";
import { downloadsInUse, type BrowseState } from "./state";
import { visibleSet } from "./visibility";
import type { ResourceEntry } from "../registry/index/types";

export type ResourceDetail = Card & {
  versions?: VersionRow[];
  sourceScanFindings?: ReportedFinding[];
  binaryScanFindings?: Record<string, ReportedFinding[]>;
  readmeContent?: string;
  storageConfig?: StorageConfigView;
  inheritedStorageConfig?: StorageConfigView & { inheritedFrom: { namespace: string; name: string } };
  githubConfig?: { useAuthenticatedClient: boolean };
  depotRef?: { namespace: string; name: string };
  repoOwner?: string;
  versionHistoryLimit?: number;
  versionConstraints?: string;
  sourceRepository?: string;
  /** New (Valkey only): downloads per UTC day over the last 30 days, oldest first. */
  downloadTrend?: { date: string; count: number }[];
};

async function readme(state: BrowseState, r: ResourceEntry): Promise<string | undefined> {
  const row = r.latestRows.find((v) => v.version.status.readmeConfigMapRef);
  const ref = row?.version.status.readmeConfigMapRef;
  if (!row || !ref || ref.name === "") return undefined;
  const value = await state.readConfigMap(
    row.version.metadata.namespace,
    ref.name,
    ref.key !== "" ? ref.key : "README.md",
  );
  return value === undefined ? undefined : decodeReadme(value);
}

export async function getResourceDetail(
  state: BrowseState,
  viewer: Viewer,
  path: ResourcePath,
  now = Date.now(),
): Promise<ResourceDetail> {
  const kind = validateKind(path);
  const r = getResource(state, viewer, kind, path);
  const downloads = downloadsInUse(state, now);
  const perVersion = downloads?.versionTotals.get(r.id);
  const config = r.resource.config;
  const depot = r.managingDepot;
  const depotVisible = depot !== undefined && visibleSet(state.index, viewer).depots.includes(depot);
  const ownBackend = backendName(config.storageConfig);
  const inherited =
    !ownBackend && depot && depotVisible && backendName(depot.depot.storageConfig)
      ? {
          ...storageConfigView(depot.depot.storageConfig!),
          inheritedFrom: { namespace: depot.namespace, name: depot.name },
        }
      : undefined;
  const readmeContent = r.kind === "module" ? await readme(state, r) : undefined;
  const sourceRepository =
    r.resource.kind === "Provider"
      ? r.resource.config.sourceRepository || r.resource.status.resolvedSourceRepository
      : "";
  const repoOwner = r.resource.kind === "Module" ? r.resource.config.repoOwner : "";
  const downloadTrend = downloads && state.readDownloadTrend ? await state.readDownloadTrend(r) : undefined;
  return {
    ...cardJson(state.index, r, downloads),
    ...(r.versions.length > 0 ? { versions: r.versions.map((v) => rowJson(state.index, v, r.kind, perVersion)) } : {}),
    ...(r.latestSourceFindings.length > 0 ? { sourceScanFindings: [...r.latestSourceFindings] } : {}),
    ...(r.latestBinaryFindings
      ? { binaryScanFindings: { ...r.latestBinaryFindings } as Record<string, ReportedFinding[]> }
      : {}),
    ...(readmeContent !== undefined ? { readmeContent } : {}),
    ...(config.storageConfig ? { storageConfig: storageConfigView(config.storageConfig) } : {}),
    ...(inherited ? { inheritedStorageConfig: inherited } : {}),
    ...(config.githubClientConfig
      ? { githubConfig: { useAuthenticatedClient: config.githubClientConfig.useAuthenticatedClient } }
      : {}),
    ...(depot && depotVisible ? { depotRef: { namespace: depot.namespace, name: depot.name } } : {}),
    ...(repoOwner !== "" ? { repoOwner } : {}),
    ...(config.versionHistoryLimit !== undefined ? { versionHistoryLimit: config.versionHistoryLimit } : {}),
    ...(config.versionConstraints !== "" ? { versionConstraints: config.versionConstraints } : {}),
    ...(sourceRepository !== "" ? { sourceRepository } : {}),
    ...(downloadTrend ? { downloadTrend } : {}),
  };
}
