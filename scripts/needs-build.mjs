// True when there is no build, or a source file is newer than it; and the build when it is needed
// (`npm run demo`, the benchmark).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "lib",
  "components",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
];

function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of readdirSync(p)) max = Math.max(max, newest(path.join(p, e)));
  return max;
}

export function needsBuild(root = process.cwd()) {
  const marker = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  return SOURCES.some((s) => newest(path.join(root, s)) > built);
}

/** Runs `next build` in `root` when needsBuild says so; false when that build failed. */
export function buildIfNeeded(root = process.cwd(), log = console.log) {
  if (!needsBuild(root)) return true;
  log("building the app (no build yet, or sources changed)");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
  });
  return r.status === 0;
}
