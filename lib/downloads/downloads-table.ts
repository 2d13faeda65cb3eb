// What OpenDepot's raw download records mean (docs/browse-api.md §7.1, §7.2), and how one poll's
// changes become the next downloads table. The poll worker compares raw strings only; every rule
// about keys, members, counts and scores is here, and runs only when a poll found a change.

import { PatchedMap } from "../registry/index/patched-map";
import {
  resourceKey,
  versionKey,
  type DownloadRecord,
  type LeaderboardMember,
  type RawDownloads,
} from "../registry/download-records";
import { RESOURCE_KINDS, type ResourceKind } from "../registry/types";
import type { RecordChanges } from "./types";

const KINDS: ReadonlySet<string> = new Set(RESOURCE_KINDS);

export function toCount(v: string | null | undefined): number {
  const n = Number.parseInt(v ?? "", 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function toScore(v: string): number {
  return Math.trunc(Number(v)) || 0;
}

/**
 * `stats:resource:{ns}:{kind}:{name}` / `stats:version:{ns}:{kind}:{name}:{version}` parts. A part
 * holding NUL is refused: NUL separates the parts of the table's keys, so such a key could land on
 * another record's place, and a key must name exactly one record for changes to apply alone.
 */
export function parseStatsKey(
  key: string,
): { namespace: string; kind: string; name: string; version?: string } | undefined {
  const m = /^stats:(resource|version):([^:\0]+):([^:]+):([^:\0]+)(?::([^\0]+))?$/.exec(key);
  if (!m || !KINDS.has(m[3]!)) return undefined;
  if (m[1] === "version" && m[5] === undefined) return undefined;
  if (m[1] === "resource" && m[5] !== undefined) return undefined;
  return { namespace: m[2]!, kind: m[3]!, name: m[4]!, ...(m[5] !== undefined ? { version: m[5] } : {}) };
}

/** `{ns}/{kind}/{name}/{version}`: split at the first three `/`, four non-empty parts, no NUL. */
export function parseMember(member: string): Omit<LeaderboardMember, "score" | "lastAt"> | undefined {
  if (member.includes("\0")) return undefined;
  const parts: string[] = [];
  let rest = member;
  for (let i = 0; i < 3; i++) {
    const at = rest.indexOf("/");
    if (at < 0) return undefined;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  if (parts.some((p) => p === "") || !KINDS.has(parts[1]!)) return undefined;
  return { namespace: parts[0]!, kind: parts[1] as ResourceKind, name: parts[2]!, version: parts[3]! };
}

/** A hash with neither `count` nor `lastAt` is no record (HMGET cannot tell it from a missing key). */
function toRecord(count: string | null, lastAt: string | null): DownloadRecord | undefined {
  if (count === null && lastAt === null) return undefined;
  return { count: toCount(count), ...(lastAt ? { lastAt } : {}) };
}

function sameRecord(a: DownloadRecord | undefined, b: DownloadRecord | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.count === b.count && a.lastAt === b.lastAt);
}

function sameMember(a: LeaderboardMember | undefined, b: LeaderboardMember | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.score === b.score && a.lastAt === b.lastAt);
}

export interface TableState {
  readonly table: RawDownloads;
  /**
   * Where each member (as recorded) sits in `table.leaderboard`: a poll's changes replace, add and
   * remove members in a copy of the array (a copy of 66,668 entries takes 0.2 ms; building it
   * again from a map took 7-19 ms, in one block).
   */
  readonly slots: ReadonlyMap<string, number>;
}

const EMPTY: TableState = {
  table: { source: "valkey", builtAt: 0, resources: new Map(), versions: new Map(), leaderboard: [] },
  slots: new Map(),
};

/** `base` with `changes` (undefined deletes) applied, `base` itself left as it is. */
function patch<V>(base: ReadonlyMap<string, V>, changes: Map<string, V | undefined>): ReadonlyMap<string, V> {
  if (changes.size === 0) return base;
  // From nothing (the first report) nothing is deleted: the changes are the map.
  if (base.size === 0) return changes as Map<string, V>;
  return PatchedMap.of(base, changes);
}

/** Every few thousand records the event loop gets a turn: the first report carries them all. */
const SLICE = 4096;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The table after one poll's changes (in parts): a new immutable table (the maps of `previous` are
 * patched, never written), or undefined when nothing it holds changed (a count re-spelled, a
 * member that does not parse). A full report starts from nothing and always gives a table.
 */
export async function applyChanges(
  previous: TableState | undefined,
  report: { readonly full: boolean; readonly parts: readonly RecordChanges[] },
  builtAt: number,
): Promise<TableState | undefined> {
  const from = report.full || !previous ? EMPTY : previous;
  const old = from.table;
  const resources = new Map<string, DownloadRecord | undefined>();
  const versions = new Map<string, DownloadRecord | undefined>();
  /** Members whose version record changed: their lastAt is read again. */
  const lastAtOf: string[] = [];
  let n = 0;
  const put = (key: string, rec: DownloadRecord | undefined) => {
    const p = parseStatsKey(key);
    if (!p) return;
    if (p.version === undefined) {
      const k = resourceKey(p.namespace, p.kind, p.name);
      if (!sameRecord(old.resources.get(k), rec)) resources.set(k, rec);
    } else {
      const k = versionKey(p.namespace, p.kind, p.name, p.version);
      if (sameRecord(old.versions.get(k), rec)) return;
      versions.set(k, rec);
      lastAtOf.push(`${p.namespace}/${p.kind}/${p.name}/${p.version}`);
    }
  };
  for (const changes of report.parts) {
    for (let i = 0; i < changes.keys.length; i++) {
      if (++n % SLICE === 0) await turn();
      put(changes.keys[i]!, toRecord(changes.counts[i] ?? null, changes.lastAts[i] ?? null));
    }
    for (const key of changes.removed) put(key, undefined);
  }
  const nextVersions = patch(old.versions, versions);

  const member = (m: Omit<LeaderboardMember, "score" | "lastAt">, score: number): LeaderboardMember => {
    const { namespace, kind, name, version } = m;
    const lastAt = nextVersions.get(versionKey(namespace, kind, name, version))?.lastAt;
    return { namespace, kind, name, version, score, ...(lastAt !== undefined ? { lastAt } : {}) };
  };
  const recorded = (key: string): LeaderboardMember | undefined => {
    const at = from.slots.get(key);
    return at === undefined ? undefined : old.leaderboard[at];
  };
  const board = new Map<string, LeaderboardMember | undefined>();
  for (const changes of report.parts) {
    for (let i = 0; i < changes.members.length; i++) {
      if (++n % SLICE === 0) await turn();
      const key = changes.members[i]!;
      const m = parseMember(key);
      if (!m) continue;
      const next = member(m, toScore(changes.scores[i] ?? ""));
      if (!sameMember(recorded(key), next)) board.set(key, next);
    }
    for (const key of changes.removedMembers) if (from.slots.has(key)) board.set(key, undefined);
  }
  for (const key of from.slots.size > 0 ? lastAtOf : []) {
    if (++n % SLICE === 0) await turn();
    const before = recorded(key);
    if (board.has(key) || !before) continue;
    const next = member(before, before.score);
    if (!sameMember(before, next)) board.set(key, next);
  }

  if (from === previous && resources.size === 0 && versions.size === 0 && board.size === 0) return undefined;
  const { leaderboard, slots } =
    board.size > 0 ? await placed(from, board) : { leaderboard: old.leaderboard, slots: from.slots };
  return {
    table: {
      source: "valkey",
      builtAt,
      resources: patch(old.resources, resources),
      versions: nextVersions,
      leaderboard,
    },
    slots,
  };
}

/**
 * The leaderboard with `changes` (undefined removes) in a copy of the array: a changed member keeps
 * its place, a new one goes last, a removed one's place takes the last. In no particular order,
 * then: the join ranks it (docs/browse-api.md §6.8).
 */
async function placed(
  from: TableState,
  changes: ReadonlyMap<string, LeaderboardMember | undefined>,
): Promise<Pick<TableState, "slots"> & { leaderboard: readonly LeaderboardMember[] }> {
  const list = from.table.leaderboard.slice();
  const moved = new Map<string, number | undefined>();
  const slot = (key: string) => (moved.has(key) ? moved.get(key) : from.slots.get(key));
  let n = 0;
  for (const [key, next] of changes) {
    if (++n % SLICE === 0) await turn();
    const at = slot(key);
    if (next) {
      if (at !== undefined) list[at] = next;
      else moved.set(key, list.push(next) - 1);
      continue;
    }
    if (at === undefined) continue;
    moved.set(key, undefined);
    const last = list.pop()!;
    if (at === list.length) continue;
    list[at] = last;
    // A member's own text is its parts joined again: parseMember splits at the first three `/`.
    moved.set(`${last.namespace}/${last.kind}/${last.name}/${last.version}`, at);
  }
  return { leaderboard: list, slots: patch(from.slots, moved) };
}
