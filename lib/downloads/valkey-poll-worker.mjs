// The downloads poll worker: reads OpenDepot's download records from Valkey off the server's event
// loop (docs/browse-api.md §7.2), at the pace it is asked for, and reports what differs from its
// last report. Plain JavaScript because Node loads it directly as a worker_threads entry (the Next
// bundle cannot host a worker). It compares raw strings only: what a key, a count or a member
// means is decided by the server (downloads-table.ts), and only when something changed.
// In: ServerMessage; out: WorkerMessage (types.ts). workerData: {url, password?, commandTimeoutMs}.

import { setTimeout as sleep } from "node:timers/promises";
import { parentPort, workerData } from "node:worker_threads";
import { Valkey } from "iovalkey";

const BOARD = "stats:leaderboard:global";
// One SCAN pass finds both stats:resource:* and stats:version:* (two passes would visit every key
// of the database twice); a key of any other shape is left out by the server's key rules.
const RECORDS = "stats:[rv]*";
/** Entries per posted part: each part is deserialized on the server's event loop in one go. */
const PART = 4096;

// Fail fast while Valkey is down: no offline queue, no retries per request, a bounded reconnect.
const client = new Valkey(workerData.url, {
  lazyConnect: true,
  maxRetriesPerRequest: 0,
  enableOfflineQueue: false,
  connectTimeout: 1000,
  commandTimeout: workerData.commandTimeoutMs,
  retryStrategy: (times) => Math.min(200 * times, 2000),
  ...(workerData.password !== undefined ? { password: workerData.password } : {}),
});
client.on("error", () => {
  // Reported through failed polls; iovalkey would otherwise log to stderr.
});

/**
 * What the last report described: key → its two fields in one string, member → score, each with
 * the number of the poll that last saw it. Kept from poll to poll and changed in place, so that a
 * poll leaves garbage only for what changed: a fresh pair of maps per poll (145,000 entries at the
 * benchmark's large size) piled up in this thread's old space until its heap reached 118 MiB. A
 * value read becomes the reported one only when its poll succeeds (`next` until then), so a poll
 * that fails part-way leaves the reference as it was.
 * @typedef {{ value: string, next: string | undefined, seen: number }} Entry
 * @type {{ records: Map<string, Entry>, board: Map<string, Entry> } | undefined}
 */
let known;
let pollNumber = 0;

/** Both fields, null included, in one string that two different pairs never share. */
const fields = (count, lastAt) => `${count?.length ?? -1}:${lastAt?.length ?? -1}:${count ?? ""}${lastAt ?? ""}`;

/** Connects when needed and waits (bounded) for the connection to be usable. */
async function ready() {
  if (client.status === "ready") return;
  if (client.status === "wait" || client.status === "end" || client.status === "close") {
    await client.connect().catch(() => undefined);
    if (client.status === "ready") return;
  }
  await new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off("ready", done);
      resolve();
    };
    const timer = setTimeout(done, 1000);
    client.once("ready", done);
  });
}

/** A key that is not a hash is skipped; any other failure fails the poll (never reads as "gone"). */
function notAHash(err) {
  return err?.name === "ReplyError" && String(err.message).startsWith("WRONGTYPE");
}

async function poll({ id, chunk, itemsPerSecond }) {
  const started = performance.now();
  const chunks = [];
  let items = 0;
  /** Waits until the records read so far fit the pace, then reads `read` and counts what it gave. */
  const paced = async (read) => {
    const notBeforeMs = Number.isFinite(itemsPerSecond) ? Math.round((items / itemsPerSecond) * 1000) : 0;
    const wait = notBeforeMs - (performance.now() - started);
    if (wait > 0) await sleep(wait);
    const n = await read();
    chunks.push({ items: n, notBeforeMs });
    items += n;
  };

  await ready();
  const full = !known;
  const { records, board } = (known ??= { records: new Map(), board: new Map() });
  const poll = ++pollNumber;
  /** Marks `key` seen by this poll; false when it already was (SCAN and the board windows may repeat one). */
  const see = (map, key) => {
    const e = map.get(key);
    if (e?.seen === poll) return false;
    if (e) e.seen = poll;
    else map.set(key, { value: undefined, next: undefined, seen: poll });
    return true;
  };
  /** Records `value` as `key`'s next value; true when it differs from the one reported last. */
  const differs = (map, key, value) => {
    const e = map.get(key);
    // A failed poll may have left a `next`: this poll's reading replaces it.
    e.next = e.value === value ? undefined : value;
    return e.next !== undefined;
  };
  const changes = { keys: [], counts: [], lastAts: [], removed: [] };
  const readHashes = async (keys) => {
    const pipe = client.pipeline();
    for (const k of keys) pipe.hmget(k, "count", "lastAt");
    const results = (await pipe.exec()) ?? [];
    keys.forEach((k, i) => {
      const [err, value] = results[i] ?? [new Error("no reply")];
      if (err && !notAHash(err)) throw err;
      const [count, lastAt] = err ? [null, null] : value;
      // No record: like a key that is gone (below, once the scan is over).
      if (count === null && lastAt === null) return void (records.get(k).seen = 0);
      if (differs(records, k, fields(count, lastAt))) {
        changes.keys.push(k);
        changes.counts.push(count);
        changes.lastAts.push(lastAt);
      }
    });
    return keys.length;
  };
  let cursor = "0";
  let queue = [];
  do {
    const [next, batch] = await client.scan(cursor, "MATCH", RECORDS, "COUNT", 1000);
    cursor = next;
    for (const k of batch) if (see(records, k)) queue.push(k);
    while (queue.length >= chunk || (cursor === "0" && queue.length > 0)) {
      const keys = queue.slice(0, chunk);
      queue = queue.slice(chunk);
      await paced(() => readHashes(keys));
    }
  } while (cursor !== "0");

  // The board in windows of ranks (one ZRANGE of it all blocks redis-server for tens of ms, and
  // ZSCAN costs three times as much). A download moving a member up can shift another one into a
  // window already read: members of the last report not seen are looked up one by one before they
  // count as removed.
  const members = { members: [], scores: [], removedMembers: [] };
  /** Takes a board member read in a window; false when an earlier window had it already. */
  const readMember = (m, score) => {
    if (!see(board, m)) return false;
    if (differs(board, m, score)) {
      members.members.push(m);
      members.scores.push(score);
    }
    return true;
  };
  for (let start = 0, more = true; more; start += chunk) {
    await paced(async () => {
      const flat = await client.zrange(BOARD, start, start + chunk - 1, "WITHSCORES");
      more = flat.length === 2 * chunk;
      let n = 0;
      for (let i = 0; i + 1 < flat.length; i += 2) if (readMember(flat[i], flat[i + 1])) n++;
      return n;
    });
  }
  const unseen = [];
  for (const [m, e] of board) if (e.seen !== poll) unseen.push(m);
  for (let start = 0; start < unseen.length; start += chunk) {
    await paced(async () => {
      const some = unseen.slice(start, start + chunk);
      const pipe = client.pipeline();
      for (const m of some) pipe.zscore(BOARD, m);
      const results = (await pipe.exec()) ?? [];
      some.forEach((m, i) => {
        const [err, score] = results[i] ?? [new Error("no reply")];
        if (err) throw err;
        if (score !== null) readMember(m, score);
      });
      return some.length;
    });
  }

  // What this poll did not see is gone; what it saw changed becomes what was reported.
  const settle = (map, removed) => {
    for (const [key, e] of map) {
      if (e.seen !== poll) {
        if (e.value !== undefined) removed.push(key);
        map.delete(key);
      } else if (e.next !== undefined) {
        e.value = e.next;
        e.next = undefined;
      }
    }
  };
  settle(records, changes.removed);
  settle(board, members.removedMembers);
  const stats = { items, chunks, ms: Math.round(performance.now() - started) };
  const all = { ...changes, ...members };
  if (!full && Object.values(all).every((list) => list.length === 0)) return { type: "same", id, stats };
  for (const part of parts(all)) {
    const acked = new Promise((resolve) => (ack = resolve));
    parentPort?.postMessage({ type: "part", id, changes: part });
    await acked;
  }
  return { type: "changes", id, stats, full };
}

const NONE = { keys: [], counts: [], lastAts: [], removed: [], members: [], scores: [], removedMembers: [] };

/** The changes in parts of at most PART entries, parallel arrays cut at the same places. */
function* parts(all) {
  const cut = (names) => {
    const out = [];
    for (let i = 0; i < all[names[0]].length; i += PART)
      out.push({ ...NONE, ...Object.fromEntries(names.map((n) => [n, all[n].slice(i, i + PART)])) });
    return out;
  };
  yield* cut(["keys", "counts", "lastAts"]);
  yield* cut(["removed"]);
  yield* cut(["members", "scores"]);
  yield* cut(["removedMembers"]);
}

/** Resolves when the server acknowledges the part posted last. */
let ack = () => undefined;

parentPort?.on("message", async (request) => {
  if (request.type === "ack") return ack();
  let reply;
  try {
    reply = await poll(request);
  } catch (err) {
    // The last report stays the reference: the server's table is still the one it described.
    reply = { type: "failed", id: request.id, reason: String(err?.message ?? err) };
  }
  parentPort?.postMessage(reply);
});
