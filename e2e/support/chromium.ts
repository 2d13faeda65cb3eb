// Debian's Chromium (apt-get install chromium), never a downloaded browser build: for Playwright's
// config and the benchmark.

import { execFileSync } from "node:child_process";

export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("chromium is not on the PATH: apt-get install -y chromium");
  }
}
