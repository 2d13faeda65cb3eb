// One archive's bytes → its interface: the worker unpacks and parses, model.ts reads the result.

import type { ExtractPool } from "./extract-pool";
import { buildInterface, EMPTY_INTERFACE } from "./model";
import type { ArchiveInterface, ArchiveLimits } from "./types";

export function failed(status: "unavailable" | "invalid", error: string): ArchiveInterface {
  return { status, error, root: EMPTY_INTERFACE, submodules: [], examples: [] };
}

export async function extractInterface(
  pool: ExtractPool,
  bytes: Uint8Array,
  limits: ArchiveLimits,
): Promise<ArchiveInterface> {
  const result = await pool.extract(bytes, limits);
  if (result.status !== "ok") return failed("invalid", result.reason);
  const dirs = new Map(result.dirs.map((d) => [d.path, d.files]));
  const under = (prefix: string) =>
    result.dirs
      .filter((d) => d.path.startsWith(prefix))
      .map((d) => ({ path: d.path, ...buildInterface(d.files) }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    status: "ok",
    root: dirs.has("") ? buildInterface(dirs.get("")!) : EMPTY_INTERFACE,
    submodules: under("modules/"),
    examples: under("examples/"),
  };
}
