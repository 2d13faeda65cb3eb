// V8 flags for the server process (npm start, npm run demo, the tests, the benchmark, the image).
// A 64 MiB young-generation semi-space: server rendering allocates heavily and briefly, and with
// the default (16 MiB) short-lived objects get promoted and collected by costly full GCs beside a
// large index — measured +12 % page throughput at the large benchmark size (README, "Benchmark").
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];
