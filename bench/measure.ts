// One autocannon run against one URL, reduced to the figures the report needs.

import { Agent, request } from "node:http";
import autocannon from "autocannon";

export interface Measurement {
  readonly reqPerSec: number;
  /** Milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  /** Connection errors, timeouts and responses with an unexpected status. */
  readonly errors: number;
  readonly bytesPerReq: number;
}

export interface Load {
  readonly connections: number;
  readonly seconds: number;
}

/** A fixed URL, or one per request (`n` counts from 0), to measure cache misses. */
export type Target = string | ((n: number) => string);

const urlOf = (target: Target, n: number) => (typeof target === "string" ? target : target(n));

export async function measure(
  target: Target,
  headers: Record<string, string>,
  load: Load,
  expectStatus = 200,
): Promise<Measurement> {
  let unexpected = 0;
  let n = 0;
  const first = new URL(urlOf(target, 0));
  const result = await autocannon({
    url: first.origin,
    headers,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => {
          const u = new URL(urlOf(target, n++));
          return { ...req, path: u.pathname + u.search };
        },
      },
    ],
    connections: load.connections,
    duration: load.seconds,
    timeout: 10,
    // autocannon counts only 2xx as "ok"; a 404/401 where 200 is expected is an error here.
    setupClient: (client) => {
      client.on("response", (status: number) => {
        if (status !== expectStatus) unexpected += 1;
      });
    },
  });
  return toMeasurement(result, load.seconds, unexpected);
}

/** An autocannon result as a Measurement; `unexpected` counts responses with the wrong status. */
export function toMeasurement(result: autocannon.Result, seconds: number, unexpected: number): Measurement {
  const requests = result.requests.total;
  return {
    reqPerSec: requests / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests,
    errors: result.errors + result.timeouts + unexpected,
    bytesPerReq: requests > 0 ? result.throughput.total / requests : 0,
  };
}

/** Warms a URL (JIT, caches) before it is measured. */
export async function warm(url: string, headers: Record<string, string>, requests = 50): Promise<void> {
  await autocannon({ url, headers, connections: 4, amount: requests, timeout: 10 });
}

/**
 * One connection, one request at a time, timed with hrtime: autocannon's histogram rounds to whole
 * milliseconds, too coarse for the unloaded targets (p50 ≤ 3 ms).
 */
export async function measureSequential(
  target: Target,
  headers: Record<string, string>,
  seconds: number,
  expectStatus = 200,
): Promise<Measurement> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let errors = 0;
  let bytes = 0;
  const end = performance.now() + seconds * 1000;
  try {
    while (performance.now() < end) {
      const t0 = process.hrtime.bigint();
      try {
        const { status, size } = await new Promise<{ status: number; size: number }>((resolve, reject) => {
          const req = request(urlOf(target, times.length), { agent, headers }, (res) => {
            let size = 0;
            res.on("data", (chunk: Buffer) => (size += chunk.length));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, size }));
            res.on("error", reject);
          });
          req.on("error", reject);
          req.end();
        });
        if (status !== expectStatus) errors += 1;
        bytes += size;
      } catch {
        errors += 1;
      }
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  } finally {
    agent.destroy();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return {
    reqPerSec: times.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    requests: times.length,
    errors,
    bytesPerReq: times.length ? bytes / times.length : 0,
  };
}
