// The messages between the server and the downloads poll worker (valkey-poll-worker.mjs, which
// cannot import these types: keep the two in step). Records travel as raw strings in parallel
// arrays: flat arrays clone cheaply, and nothing is parsed on either side of the channel until the
// server knows that something changed.

/** How fast one poll may read (poll-pace.ts). */
export interface Pace {
  /** Records per round trip: keys per HMGET pipeline, the COUNT of each ZSCAN. */
  readonly chunk: number;
  /** Infinity reads at once. */
  readonly itemsPerSecond: number;
}

/** What the server posts: a poll to run, or that the last part arrived and the next may follow. */
export type ServerMessage = ({ readonly type: "poll"; readonly id: number } & Pace) | { readonly type: "ack" };

export interface PollStats {
  /** Hashes and leaderboard members read (each once). */
  readonly items: number;
  /** Each round trip's records, in reading order, and the earliest it was allowed to start. */
  readonly chunks: readonly { readonly items: number; readonly notBeforeMs: number }[];
  readonly ms: number;
}

/** Records that differ from the worker's last report, as raw strings in parallel arrays. */
export interface RecordChanges {
  /** `stats:resource:*` and `stats:version:*` keys with new values; null when the field is absent. */
  readonly keys: readonly string[];
  readonly counts: readonly (string | null)[];
  readonly lastAts: readonly (string | null)[];
  /** Keys reported before and gone now (or left with neither field). */
  readonly removed: readonly string[];
  /** `stats:leaderboard:global` members with new scores (as Valkey formats them). */
  readonly members: readonly string[];
  readonly scores: readonly string[];
  readonly removedMembers: readonly string[];
}

/**
 * What the worker posts: a report's changes in parts of a few thousand records, each sent when the
 * last one was acknowledged, then the report's end. One message of 145,000 records takes 75 ms to
 * deserialize on the server's event loop, and parts posted at once are delivered in one turn of
 * it. `full`: the changes are all the records, from nothing (the worker's first report).
 */
export type WorkerMessage =
  | { readonly type: "part"; readonly id: number; readonly changes: RecordChanges }
  | { readonly type: "changes"; readonly id: number; readonly stats: PollStats; readonly full: boolean }
  | { readonly type: "same"; readonly id: number; readonly stats: PollStats }
  | { readonly type: "failed"; readonly id: number; readonly reason: string };

/** One poll's outcome, its parts put together. */
export type PollReply =
  | { readonly type: "same"; readonly id: number; readonly stats: PollStats }
  | {
      readonly type: "changes";
      readonly id: number;
      readonly stats: PollStats;
      readonly full: boolean;
      readonly parts: readonly RecordChanges[];
    }
  | { readonly type: "failed"; readonly id: number; readonly reason: string };
