// Runs archive extraction in one long-lived worker thread (extract-worker.mjs): the HCL parser's
// WASM stays warm between archives, the event loop stays free, and a parse that runs past its time
// is stopped by terminating the thread (a WASM loop cannot be interrupted any other way).

import { Worker } from "node:worker_threads";
import type { ArchiveLimits, WorkerResult } from "./types";

interface Job {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly limits: ArchiveLimits;
  readonly resolve: (r: WorkerResult) => void;
}

export interface ExtractPoolOptions {
  /** Absolute path of extract-worker.mjs (the server passes it; the bundle cannot resolve it). */
  readonly workerPath: string;
}

export class ExtractPool {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private running: { job: Job; timer: NodeJS.Timeout } | undefined;
  private nextId = 1;

  constructor(private readonly options: ExtractPoolOptions) {}

  /** Never rejects: every failure is an `invalid` result with a reason. */
  extract(bytes: Uint8Array, limits: ArchiveLimits): Promise<WorkerResult> {
    if (bytes.byteLength > limits.maxArchiveBytes) {
      return Promise.resolve({
        status: "invalid",
        reason: `the archive is larger than ${limits.maxArchiveBytes} bytes`,
      });
    }
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, bytes, limits, resolve });
      this.pump();
    });
  }

  /** Stops the worker; queued jobs finish as invalid. */
  async close(): Promise<void> {
    const jobs = [...this.queue.splice(0), ...(this.running ? [this.running.job] : [])];
    if (this.running) clearTimeout(this.running.timer);
    this.running = undefined;
    for (const j of jobs) j.resolve({ status: "invalid", reason: "the server is shutting down" });
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  private spawn(): Worker {
    const w = new Worker(this.options.workerPath, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
    w.unref();
    w.on("message", (msg: { id: number; result: WorkerResult }) => {
      const run = this.running;
      if (!run || run.job.id !== msg.id) return;
      clearTimeout(run.timer);
      this.running = undefined;
      run.job.resolve(msg.result);
      this.pump();
    });
    const lost = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      const run = this.running;
      this.running = undefined;
      if (run) {
        clearTimeout(run.timer);
        run.job.resolve({ status: "invalid", reason: why });
      }
      this.pump();
    };
    w.on("error", (err) => lost(`unpacking failed: ${err.message}`));
    w.on("exit", (code) => lost(`the unpacking worker stopped (exit code ${code})`));
    return w;
  }

  private pump(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    const w = (this.worker ??= this.spawn());
    const timer = setTimeout(() => {
      // Past its time: the thread is replaced (terminate), the job answered.
      this.running = undefined;
      this.worker = undefined;
      void w.terminate();
      job.resolve({ status: "invalid", reason: `parsing took longer than ${job.limits.parseTimeoutMs} ms` });
      this.pump();
    }, job.limits.parseTimeoutMs);
    this.running = { job, timer };
    const { maxUnpackedBytes, maxEntries, maxFileBytes } = job.limits;
    const copy = new Uint8Array(job.bytes); // a copy with its own buffer, transferred: the caller keeps its bytes
    w.postMessage({ id: job.id, bytes: copy.buffer, limits: { maxUnpackedBytes, maxEntries, maxFileBytes } }, [
      copy.buffer,
    ]);
  }
}
