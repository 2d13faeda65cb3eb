#!/usr/bin/env node
// `npm start`: serve the built app with the environment's configuration (PORT, HOST).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { SERVER_NODE_FLAGS, serverEnv } from "./server-node-flags.mjs";

if (!existsSync(".next/BUILD_ID")) {
  console.error("no build found: run `npm run build` first (or `npm run demo`, which builds when needed)");
  process.exit(1);
}
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "0.0.0.0";
// The next binary directly (not npx), so signals reach the server itself.
const child = spawn(
  process.execPath,
  [...SERVER_NODE_FLAGS, "node_modules/next/dist/bin/next", "start", "-p", port, "-H", host],
  { stdio: "inherit", env: serverEnv() },
);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
