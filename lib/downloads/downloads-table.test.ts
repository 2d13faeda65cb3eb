// A table patched with a poll's changes is the table a full read of the same records builds, and the
// table it came from is left as it was (readers may still hold it).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RawDownloads } from "../registry/download-records";
import { applyChanges, parseMember, parseStatsKey, type TableState } from "./downloads-table";
import type { RecordChanges } from "./types";
import { tableContent } from "../testing/downloads";

/** Raw records as Valkey holds them: key → [count, lastAt], member → score. */
interface Raw {
  readonly hashes: ReadonlyMap<string, readonly [string | null, string | null]>;
  readonly board: ReadonlyMap<string, string>;
}

/** What the worker reports between two raw states (its contract, restated for the test). */
function diff(before: Raw | undefined, after: Raw): RecordChanges {
  const c = { keys: [] as string[], counts: [] as (string | null)[], lastAts: [] as (string | null)[] };
  for (const [k, [count, lastAt]] of after.hashes) {
    const b = before?.hashes.get(k);
    if (b && b[0] === count && b[1] === lastAt) continue;
    c.keys.push(k);
    c.counts.push(count);
    c.lastAts.push(lastAt);
  }
  const members = [...after.board].filter(([m, s]) => before?.board.get(m) !== s);
  return {
    ...c,
    removed: before ? [...before.hashes.keys()].filter((k) => !after.hashes.has(k)) : [],
    members: members.map(([m]) => m),
    scores: members.map(([, s]) => s),
    removedMembers: before ? [...before.board.keys()].filter((m) => !after.board.has(m)) : [],
  };
}

const full = (raw: Raw) => applyChanges(undefined, { full: true, parts: [diff(undefined, raw)] }, 1);

describe("downloads table", () => {
  it("parses keys and leaderboard members strictly", () => {
    expect(parseStatsKey("stats:version:p:module:vpc:v1.2.0")).toEqual({
      namespace: "p",
      kind: "module",
      name: "vpc",
      version: "v1.2.0",
    });
    expect(parseStatsKey("stats:version:p:module:vpc:1.0:rc")).toMatchObject({ version: "1.0:rc" });
    expect(parseStatsKey("stats:resource:p:widget:x")).toBeUndefined();
    expect(parseStatsKey("stats:resource:p:module:vpc:1.0.0")).toBeUndefined();
    expect(parseStatsKey("stats:version:p:module:vpc")).toBeUndefined();
    expect(parseMember("p/module/vpc/1.2.0/extra")).toEqual({
      namespace: "p",
      kind: "module",
      name: "vpc",
      version: "1.2.0/extra",
    });
    expect(parseMember("p//vpc/1")).toBeUndefined();
  });

  it("refuses NUL in a key or member: two records could otherwise share one place in the table", () => {
    // resourceKey("p\0module", "module", "x") === resourceKey("p", "module", "module\0x")
    expect(parseStatsKey("stats:resource:p\0module:module:x")).toBeUndefined();
    expect(parseStatsKey("stats:resource:p:module:module\0x")).toBeUndefined();
    expect(parseStatsKey("stats:version:p:module:x:1\0")).toBeUndefined();
    expect(parseMember("p/module/x/1\0")).toBeUndefined();
  });

  it("reads counts, lastAt and scores as the rules say; a hash with neither field is no record", async () => {
    const t = (await full({
      hashes: new Map([
        ["stats:resource:p:module:vpc", ["7", "2026-11-21T14:32:00Z"]],
        ["stats:version:p:module:vpc:1.0.0", ["not-a-number", ""]],
        ["stats:version:p:module:vpc:2.0.0", [null, null]],
        ["stats:day:2026-11-21:p:module:vpc:1.0.0", ["1", null]],
      ]),
      board: new Map([
        ["p/module/vpc/1.0.0", "12.9"],
        ["malformed", "99"],
      ]),
    }))!.table;
    expect([...t.resources.values()]).toEqual([{ count: 7, lastAt: "2026-11-21T14:32:00Z" }]);
    expect([...t.versions.values()]).toEqual([{ count: 0 }]);
    expect(t.leaderboard).toEqual([{ namespace: "p", kind: "module", name: "vpc", version: "1.0.0", score: 12 }]);
  });

  it("gives no new table when nothing it holds changed", async () => {
    const raw: Raw = {
      hashes: new Map([["stats:version:p:module:vpc:1.0.0", ["5", "2026-11-21T14:32:00Z"]]]),
      board: new Map([["p/module/vpc/1.0.0", "5"]]),
    };
    const first = await full(raw);
    const respelled: Raw = {
      hashes: new Map([
        ["stats:version:p:module:vpc:1.0.0", ["05", "2026-11-21T14:32:00Z"]],
        ["stats:version:bad", ["1", null]],
      ]),
      board: new Map([
        ["p/module/vpc/1.0.0", "5.0"],
        ["also/bad", "1"],
      ]),
    };
    expect(await applyChanges(first, { full: false, parts: [diff(raw, respelled)] }, 2)).toBeUndefined();
    // A full report (a new worker) always builds a table.
    expect(await applyChanges(first, { full: true, parts: [diff(undefined, raw)] }, 2)).toBeDefined();
  });

  it("patched with any sequence of changes, equals a full read and leaves every earlier table as it was", async () => {
    const ns = fc.constantFrom("p", "q");
    const name = fc.constantFrom("vpc", "eks");
    const version = fc.constantFrom("1.0.0", "v1.0.0", "2.0.0");
    const field = fc.option(fc.constantFrom("0", "3", "7", "x", ""), { nil: null });
    const lastAt = fc.option(fc.constantFrom("2026-11-01T00:00:00Z", "2026-11-02T00:00:00.5Z", ""), { nil: null });
    const hash = fc.oneof(
      fc.tuple(ns, name).map(([n, x]) => `stats:resource:${n}:module:${x}`),
      fc.tuple(ns, name, version).map(([n, x, v]) => `stats:version:${n}:module:${x}:${v}`),
      fc.constant("stats:version:p:widget:x:1"),
    );
    const member = fc.oneof(
      fc.tuple(ns, name, version).map(([n, x, v]) => `${n}/module/${x}/${v}`),
      fc.constant("bad-member"),
    );
    const raw = fc.record({
      hashes: fc.array(fc.tuple(hash, fc.tuple(field, lastAt)), { maxLength: 12 }).map((e) => new Map(e)),
      board: fc
        .array(fc.tuple(member, fc.constantFrom("1", "2", "2.5", "40")), { maxLength: 8 })
        .map((e) => new Map(e)),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(raw, { minLength: 1, maxLength: 8 }), async (states) => {
        let before: Raw | undefined;
        let state: TableState | undefined;
        const kept: { table: RawDownloads; was: ReturnType<typeof tableContent> }[] = [];
        for (const [i, now] of states.entries()) {
          const next = await applyChanges(state, { full: !before, parts: [diff(before, now)] }, i + 1);
          state = next ?? state;
          expect(tableContent(state!.table)).toEqual(tableContent((await full(now))!.table));
          kept.push({ table: state!.table, was: tableContent(state!.table) });
          before = now;
        }
        for (const k of kept) expect(tableContent(k.table)).toEqual(k.was);
      }),
      { numRuns: 300 },
    );
  });

  it("takes its changes in parts, and a version's new lastAt reaches its leaderboard member", async () => {
    const raw: Raw = {
      hashes: new Map([["stats:version:p:module:vpc:1.0.0", ["5", "2026-11-01T00:00:00Z"]]]),
      board: new Map([["p/module/vpc/1.0.0", "5"]]),
    };
    const first = await full(raw);
    const later: Raw = {
      hashes: new Map([
        ["stats:version:p:module:vpc:1.0.0", ["5", "2026-11-02T00:00:00Z"]],
        ["stats:resource:p:module:vpc", ["5", null]],
      ]),
      board: raw.board,
    };
    const d = diff(raw, later);
    const none = { keys: [], counts: [], lastAts: [], removed: [], members: [], scores: [], removedMembers: [] };
    const parts: RecordChanges[] = d.keys.map((k, i) => ({
      ...none,
      keys: [k],
      counts: [d.counts[i]!],
      lastAts: [d.lastAts[i]!],
    }));
    const next = await applyChanges(first, { full: false, parts }, 2);
    expect(next!.table.leaderboard).toEqual([expect.objectContaining({ lastAt: "2026-11-02T00:00:00Z" })]);
    expect(first!.table.leaderboard).toEqual([expect.objectContaining({ lastAt: "2026-11-01T00:00:00Z" })]);
    expect(tableContent(next!.table)).toEqual(tableContent((await full(later))!.table));
  });
});
