// Node flags for the server process (npm start, npm run demo, the tests, the benchmark, the image).
// A 32 MiB young-generation semi-space: server rendering allocates heavily and briefly, and with
// the default (16 MiB) short-lived objects get promoted and collected by costly full GCs beside a
// large index. Registry page at the large benchmark size: 91-95 req/s with the default, 100 with
// 32 MiB, 106 with 64 MiB; 32 keeps the resident size after load under 1 GiB (README, "Benchmark").
// The request guard (request-guard.mjs) is preloaded: it sees requests before Next does.
export const SERVER_NODE_FLAGS = [
  "--max-semi-space-size=32",
  `--import=${new URL("./request-guard-preload.mjs", import.meta.url).href}`,
];
