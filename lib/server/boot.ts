// Server start (called from instrumentation.ts, Node.js runtime only): validate the configuration,
// start the registry source and hand the page cache to the request guard. Bad configuration stops
// the process with one line.

import "server-only";
import { defaultResultCacheBytes } from "../browse/result-cache";
import { ConfigError } from "../config";
import { installPageCache, PageCache } from "./page-cache";
import { startRuntime } from "./runtime";

export function boot(): void {
  try {
    const runtime = startRuntime();
    // Unset: the result cache's budget (1/64 of the heap ceiling, 8-16 MiB); the bytes count in the RSS.
    const pageCacheBytes = runtime.config.pageCacheBytes ?? defaultResultCacheBytes();
    if (pageCacheBytes > 0) installPageCache(new PageCache(runtime, pageCacheBytes));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
