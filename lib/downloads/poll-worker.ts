// Runs the downloads poll in one long-lived worker thread (valkey-poll-worker.mjs): the Valkey I/O,
// its reply parsing and the comparison with the last report stay off the server's event loop. A
// worker that dies is reported and replaced on the next poll, after a pause that doubles with each
// crash in a row (restartDelayMs), so a worker that cannot start is not respawned in a loop.

import { Worker } from "node:worker_threads";
import type { Pace, PollReply, RecordChanges, ServerMessage, WorkerMessage } from "./types";

export interface PollWorkerOptions {
  /** Absolute path of valkey-poll-worker.mjs (the server passes it; the bundle cannot resolve it). */
  readonly workerPath: string;
  readonly url: string;
  readonly password?: string;
  readonly commandTimeoutMs: number;
  /** A worker stopped without being asked to (the poll it was running fails with the same reason). */
  readonly onCrash: (reason: string, crashesInARow: number) => void;
  /** The clock of the restart pauses (tests set it). */
  readonly now?: () => number;
}

/** No pause for the first crash; then 1 s, 2 s, 4 s … up to 5 minutes while crashes follow each other. */
export function restartDelayMs(crashesInARow: number): number {
  return crashesInARow < 2 ? 0 : Math.min(1000 * 2 ** (crashesInARow - 2), 300_000);
}

export class PollWorker {
  private worker: Worker | undefined;
  private pending: { id: number; parts: RecordChanges[]; resolve: (r: PollReply) => void } | undefined;
  private nextId = 1;
  private crashes = 0;
  private restartAt = 0;
  private closed = false;

  private readonly now: () => number;

  constructor(private readonly options: PollWorkerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The running thread, if any (tests terminate it to stand in for a crash). */
  get thread(): Worker | undefined {
    return this.worker;
  }

  /** One poll; never rejects. Polls must not overlap (the worker keeps one last report). */
  poll(pace: Pace): Promise<PollReply> {
    const id = this.nextId++;
    if (this.closed) return Promise.resolve({ type: "failed", id, reason: "the poller is stopped" });
    if (this.pending) return Promise.resolve({ type: "failed", id, reason: "a poll is already running" });
    if (!this.worker && this.now() < this.restartAt) {
      const s = Math.ceil((this.restartAt - this.now()) / 1000);
      return Promise.resolve({ type: "failed", id, reason: `the downloads worker restarts in ${s} s` });
    }
    const w = (this.worker ??= this.spawn());
    return new Promise((resolve) => {
      this.pending = { id, parts: [], resolve };
      w.postMessage({
        type: "poll",
        id,
        chunk: pace.chunk,
        itemsPerSecond: pace.itemsPerSecond,
      } satisfies ServerMessage);
    });
  }

  /** Stops the worker; a running poll fails. */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    this.settle({ type: "failed", id: this.pending?.id ?? 0, reason: "the poller is stopped" });
    if (w) await w.terminate();
  }

  private settle(reply: PollReply): void {
    const p = this.pending;
    if (!p || p.id !== reply.id) return;
    this.pending = undefined;
    p.resolve(reply);
  }

  private spawn(): Worker {
    const { workerPath, url, password, commandTimeoutMs } = this.options;
    const w = new Worker(workerPath, {
      workerData: { url, commandTimeoutMs, ...(password !== undefined ? { password } : {}) },
    });
    w.unref();
    w.on("message", (msg: WorkerMessage) => {
      if (this.worker !== w || this.pending?.id !== msg.id) return;
      if (msg.type === "part") {
        this.pending.parts.push(msg.changes);
        // The next part is asked for after a turn of the event loop, so requests run in between.
        setImmediate(() => w.postMessage({ type: "ack" } satisfies ServerMessage));
        return;
      }
      if (msg.type !== "failed") this.crashes = 0;
      this.settle(msg.type === "changes" ? { ...msg, parts: this.pending.parts } : msg);
    });
    const lost = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.crashes += 1;
      this.restartAt = this.now() + restartDelayMs(this.crashes);
      this.options.onCrash(why, this.crashes);
      if (this.pending) this.settle({ type: "failed", id: this.pending.id, reason: why });
    };
    w.on("error", (err) => lost(`the downloads worker failed: ${err.message}`));
    w.on("exit", (code) => lost(`the downloads worker stopped (exit code ${code})`));
    return w;
  }
}
