#!/usr/bin/env node
// `npm run demo`: build when needed, then serve the bundled demo registry on 127.0.0.1:3000.
import { spawn, spawnSync } from "node:child_process";
import { needsBuild } from "./needs-build.mjs";

if (needsBuild()) {
  console.log("building the app (first run or sources changed)…");
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
const env = { ...process.env, PORT: port, HOST: host };
console.log(`OpenDepot Registry Explorer: http://${host}:${port}/  (demo registry: ${env.REGISTRY_PATH ?? "demo/registry"})`);
const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", host], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
