// Module interface extraction time (issue 15): archive bytes → interface through the worker, cold
// (a fresh worker: thread start, HCL parser WASM load, parse) and warm (the same worker again), for
// the demo's largest module archive and a ~150 KB module. Part of `npm run bench`; alone:
//   npx tsx bench/extraction.ts

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { largeModuleEntries } from "../scripts/demo-archives";
import { extractInterface } from "../lib/interface/extract";
import { ExtractPool } from "../lib/interface/extract-pool";
import { DEFAULT_LIMITS } from "../lib/interface/types";
import { tarGz } from "../lib/testing/archives";

const ROOT = path.resolve(import.meta.dirname, "..");
const WORKER = path.join(ROOT, "lib", "interface", "extract-worker.mjs");

export interface ExtractionRow {
  subject: string;
  archiveBytes: number;
  tfBytes: number;
  inputs: number;
  coldMs: number;
  warmMs: number;
}

function largestDemoArchive(): string {
  const dir = path.join(ROOT, "demo", "registry", "archives");
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(subject: string, bytes: Uint8Array, tfBytes: number, runs = 3): Promise<ExtractionRow> {
  const cold: number[] = [];
  const warm: number[] = [];
  let inputs = 0;
  for (let i = 0; i < runs; i++) {
    const pool = new ExtractPool({ workerPath: WORKER });
    try {
      let t0 = performance.now();
      const r = await extractInterface(pool, bytes, DEFAULT_LIMITS);
      cold.push(performance.now() - t0);
      if (r.status !== "ok") throw new Error(`${subject}: ${r.error}`);
      inputs = r.root.inputs.length + r.submodules.reduce((n, s) => n + s.inputs.length, 0);
      for (let j = 0; j < 3; j++) {
        t0 = performance.now();
        await extractInterface(pool, bytes, DEFAULT_LIMITS);
        warm.push(performance.now() - t0);
      }
    } finally {
      await pool.close();
    }
  }
  return { subject, archiveBytes: bytes.byteLength, tfBytes, inputs, coldMs: median(cold), warmMs: median(warm) };
}

export async function measureExtraction(): Promise<ExtractionRow[]> {
  const demo = largestDemoArchive();
  const large = largeModuleEntries(150_000);
  const tf = large.reduce((n, e) => n + Buffer.byteLength(e.content as string), 0);
  return [
    await measure(`demo's largest archive (${path.relative(ROOT, demo)})`, readFileSync(demo), 0),
    await measure("generated module, ~150 KB of .tf", await tarGz(large), tf),
  ];
}

export function extractionMarkdown(rows: readonly ExtractionRow[]): string {
  return [
    "### Module interface extraction (archive → interface, in the worker)",
    "",
    "Cold: a fresh worker (thread start, HCL parser WASM load, unpack, parse). Warm: the same worker again. Medians.",
    "",
    "| archive | bytes | .tf bytes | inputs | cold ms | warm ms |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.subject} | ${r.archiveBytes} | ${r.tfBytes || "—"} | ${r.inputs} | ${Math.round(r.coldMs)} | ${Math.round(r.warmMs)} |`,
    ),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  measureExtraction()
    .then((rows) => console.log(extractionMarkdown(rows)))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
