// The sliced (async) join gives exactly what the one-shot join gives.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stateFromYaml } from "../testing/fixture";
import { readDownloadsEntries } from "../registry/sources/downloads-file";
import { joinDownloads, joinDownloadsAsync } from "./join";
import { parseDocuments } from "../registry/sources/manifest-file";

describe("joinDownloadsAsync", () => {
  it("equals joinDownloads on the demo registry, with many more records than one slice", async () => {
    const dir = path.join(import.meta.dirname, "..", "..", "demo", "registry");
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
      (e) => e.isFile() && e.name.endsWith(".yaml") && e.name !== "downloads.yaml",
    );
    const { index } = stateFromYaml(
      files.map((e) => readFileSync(path.join(e.parentPath, e.name), "utf8")).join("\n---\n"),
    );
    const entries = [
      ...index.resources.flatMap((r) =>
        r.versions.map((v, i) => ({
          namespace: r.namespace,
          kind: r.kind,
          name: r.name,
          version: i % 2 ? `v${v.raw}` : v.raw,
          count: (i * 37) % 101,
          lastDownloadedAt: `2026-11-${String(1 + (i % 28)).padStart(2, "0")}T00:00:00Z`,
        })),
      ),
    ];
    // Repeat the records under several spellings so the loops cross the 4,096-item slice.
    const many = Array.from({ length: 12 }, () => entries).flat();
    expect(many.length).toBeGreaterThan(4096);
    const raw = readDownloadsEntries(
      parseDocuments("downloads.yaml", JSON.stringify(many))[0],
      "downloads.yaml",
      0,
    ).downloads;
    const sync = joinDownloads(index, raw);
    const sliced = await joinDownloadsAsync(index, raw);
    expect(sliced.ranked).toEqual(sync.ranked);
    expect([...sliced.resourceTotals]).toEqual([...sync.resourceTotals]);
    expect([...sliced.versionTotals].map(([id, m]) => [id, [...m]])).toEqual(
      [...sync.versionTotals].map(([id, m]) => [id, [...m]]),
    );
  });
});
