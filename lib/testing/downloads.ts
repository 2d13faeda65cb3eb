// Test support for download tables.

import type { RawDownloads } from "../registry/download-records";

/** A table's content in a comparable form (the leaderboard in no particular order). */
export function tableContent(t: RawDownloads) {
  const key = (m: RawDownloads["leaderboard"][number]) => `${m.namespace}/${m.kind}/${m.name}/${m.version}`;
  return {
    resources: new Map(t.resources),
    versions: new Map(t.versions),
    leaderboard: [...t.leaderboard].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
  };
}
