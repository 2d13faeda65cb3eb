// Server start (called from instrumentation.ts, Node.js runtime only): validate the configuration
// and start the registry source. Bad configuration stops the process with one line.

import "server-only";
import { ConfigError } from "../config";
import { startRuntime } from "./runtime";

export function boot(): void {
  try {
    startRuntime();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
