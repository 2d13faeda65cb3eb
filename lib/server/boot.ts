// Server start (called from instrumentation.ts, Node.js runtime only): validate the configuration,
// start the registry source and hand the page cache to the request guard. Bad configuration stops
// the process with one line.

import "server-only";
import { ConfigError } from "../config";
import { installPageCache, PageCache } from "./page-cache";
import { startRuntime } from "./runtime";

export function boot(): void {
  try {
    const runtime = startRuntime();
    if (runtime.config.pageCacheBytes > 0) installPageCache(new PageCache(runtime, runtime.config.pageCacheBytes));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
