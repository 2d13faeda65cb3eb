// Joins raw download records with an index (docs/browse-api.md §7.2, §7.4): attributes key names to
// resources, sums version spellings, and ranks the leaderboard once per (index, table).

import { compareStrings as cmp } from "../registry/compare";
import type { RegistryIndex, ResourceEntry } from "../registry/index/types";
import { entryMemo } from "../registry/index/entry-memo";
import { normalizeVersion } from "../registry/version";
import { mergeRecord, resourceKey, type DownloadRecord, type RawDownloads } from "../registry/download-records";

export interface MostDownloadedCandidate {
  /** Only its identity is read: the entry may be an earlier index's (the join outlives index updates). */
  readonly resource: Pick<ResourceEntry, "id" | "namespace" | "kind" | "name">;
  readonly version: string;
  readonly downloadCount: number;
  readonly lastDownloadedAt?: string;
}

export interface JoinedDownloads {
  readonly builtAt: number;
  readonly source: RawDownloads["source"];
  /** By resource id, so that the join stays valid while entries are replaced by index updates. */
  readonly resourceTotals: ReadonlyMap<string, DownloadRecord>;
  /** Per resource id: normalized version → record (every spelling summed). */
  readonly versionTotals: ReadonlyMap<string, ReadonlyMap<string, DownloadRecord>>;
  /** Every candidate, already in mostDownloaded order (docs/browse-api.md §6.8); requests filter and take 10. */
  readonly ranked: readonly MostDownloadedCandidate[];
}

/** Attribution of key names (docs/browse-api.md §7.2): registry name first (smallest metadata.name), else metadata.name. */
function attributionMap(index: RegistryIndex): Map<string, ResourceEntry> {
  const byRegistryName = new Map<string, ResourceEntry>();
  const byMetadataName = new Map<string, ResourceEntry>();
  for (const r of index.resources) {
    const rk = resourceKey(r.namespace, r.kind, r.registryName);
    const prev = byRegistryName.get(rk);
    if (!prev || r.name < prev.name) byRegistryName.set(rk, r);
    byMetadataName.set(resourceKey(r.namespace, r.kind, r.name), r);
  }
  const out = new Map(byMetadataName);
  for (const [k, r] of byRegistryName) out.set(k, r);
  return out;
}

/**
 * Which recorded spellings count for each normalized version of a resource: the normalized text,
 * with a leading `v`, and spec.version as written (docs/browse-api.md §7.2).
 */
export function versionSpellings(r: ResourceEntry): ReadonlyMap<string, readonly string[]> {
  const sets = new Map<string, Set<string>>();
  for (const v of r.versions) {
    let set = sets.get(v.normalized);
    if (!set) sets.set(v.normalized, (set = new Set([v.normalized, `v${v.normalized}`])));
    set.add(v.raw);
  }
  return new Map([...sets].map(([k, set]) => [k, [...set]]));
}

// They depend on the index only: a join reuses them from the index before (every refresh of the
// downloads table joins again).
const spellings = entryMemo<ResourceEntry, ReadonlyMap<string, readonly string[]>>("downloads/spellings");

export function spellingsOf(index: RegistryIndex, r: ResourceEntry): ReadonlyMap<string, readonly string[]> {
  return spellings.get(index, r, versionSpellings);
}

function splitKey(key: string): string[] {
  return key.split("\u0000");
}

export function joinDownloads(index: RegistryIndex, raw: RawDownloads): JoinedDownloads {
  const steps = joinSteps(index, raw);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same join, giving the event loop back every few thousand records: at 100,000 versions the
 * join takes most of a second, and a Valkey refresh every 15 s must not stall requests that long.
 */
export async function joinDownloadsAsync(index: RegistryIndex, raw: RawDownloads): Promise<JoinedDownloads> {
  const steps = joinSteps(index, raw);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

const SLICE = 4096;

function* joinSteps(index: RegistryIndex, raw: RawDownloads): Generator<void, JoinedDownloads> {
  const attribute = attributionMap(index);
  yield;

  const resourceTotals = new Map<string, DownloadRecord>();
  for (const [key, record] of raw.resources) {
    const r = attribute.get(key);
    if (r) resourceTotals.set(r.id, mergeRecord(resourceTotals.get(r.id), record));
  }

  // Version records grouped by (resource, spelling as recorded).
  const bySpelling = new Map<ResourceEntry, Map<string, DownloadRecord>>();
  let n = 0;
  for (const [key, record] of raw.versions) {
    if (++n % SLICE === 0) yield;
    const [ns, kind, name, version] = splitKey(key);
    const r = attribute.get(resourceKey(ns!, kind!, name!));
    if (!r) continue;
    let m = bySpelling.get(r);
    if (!m) bySpelling.set(r, (m = new Map()));
    m.set(version!, mergeRecord(m.get(version!), record));
  }
  const versionTotals = new Map<string, Map<string, DownloadRecord>>();
  for (const [r, spellings] of bySpelling) {
    if (++n % SLICE === 0) yield;
    const perVersion = new Map<string, DownloadRecord>();
    for (const [normalized, set] of spellingsOf(index, r)) {
      let total: DownloadRecord | undefined;
      for (const s of set) {
        const rec = spellings.get(s);
        if (rec) total = mergeRecord(total, rec);
      }
      if (total) perVersion.set(normalized, total);
    }
    versionTotals.set(r.id, perVersion);
  }

  // Leaderboard members merged per (resource, normalized version).
  const merged = new Map<string, { resource: ResourceEntry; version: string; count: number; lastAt?: string }>();
  const normalized = new Map<string, string>(); // the same few version strings recur across resources
  for (const m of raw.leaderboard) {
    if (++n % SLICE === 0) yield;
    const r = attribute.get(resourceKey(m.namespace, m.kind, m.name));
    if (!r) continue;
    let version = normalized.get(m.version);
    if (version === undefined) normalized.set(m.version, (version = normalizeVersion(m.version)));
    const key = `${r.id}\u0000${version}`;
    const prev = merged.get(key);
    const rec = mergeRecord(prev ? { count: prev.count, ...(prev.lastAt ? { lastAt: prev.lastAt } : {}) } : undefined, {
      count: m.score,
      ...(m.lastAt !== undefined ? { lastAt: m.lastAt } : {}),
    });
    merged.set(key, {
      resource: r,
      version,
      count: rec.count,
      ...(rec.lastAt !== undefined ? { lastAt: rec.lastAt } : {}),
    });
  }
  yield;
  const ranked: MostDownloadedCandidate[] = [...merged.values()]
    .map((m) => ({
      resource: m.resource,
      version: m.version,
      downloadCount: m.count,
      ...(m.lastAt !== undefined ? { lastDownloadedAt: m.lastAt } : {}),
      at: m.lastAt !== undefined ? Date.parse(m.lastAt) : Number.NaN,
      key: `${m.resource.namespace}/${m.resource.kind}/${m.resource.name}/${m.version}`,
    }))
    .sort((a, b) => {
      if (a.downloadCount !== b.downloadCount) return b.downloadCount - a.downloadCount;
      const an = Number.isNaN(a.at);
      const bn = Number.isNaN(b.at);
      if (an !== bn) return an ? 1 : -1;
      if (!an && a.at !== b.at) return b.at - a.at;
      return cmp(a.key, b.key);
    })
    .map(({ at: _at, key: _key, ...c }) => c);

  return { builtAt: raw.builtAt, source: raw.source, resourceTotals, versionTotals, ranked };
}

function sameSpellings(a: ReadonlyMap<string, readonly string[]>, b: ReadonlyMap<string, readonly string[]>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [k, list] of a) {
    const other = b.get(k);
    if (!other || other.length !== list.length || list.some((s, i) => s !== other[i])) return false;
  }
  return true;
}

/**
 * The join of the same table with `next`, an update of `previous`: the join itself when every
 * resource kept its id, registry name and version spellings (what attribution and totals depend
 * on), else undefined and the caller joins anew. Checks the entries that changed only.
 */
export function rejoinDownloads(
  joined: JoinedDownloads,
  previous: RegistryIndex,
  next: RegistryIndex,
): JoinedDownloads | undefined {
  if (previous === next) return joined;
  if (previous.resources.length !== next.resources.length) return undefined;
  for (let i = 0; i < next.resources.length; i++) {
    const a = previous.resources[i]!;
    const b = next.resources[i]!;
    if (a === b) continue;
    if (a.id !== b.id || a.registryName !== b.registryName) return undefined;
    if (!sameSpellings(spellingsOf(previous, a), spellingsOf(next, b))) return undefined;
  }
  return joined;
}
