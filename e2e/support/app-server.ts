// Starts the built app (`next start`) as a child process on 127.0.0.1 and a free port, and stops
// it by its own process id.

import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "../../lib/testing/free-port";
import { SERVER_NODE_FLAGS, serverEnv } from "../../scripts/server-node-flags.mjs";

export { freePort };

export interface RunningApp {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Everything the server printed, for assertions on logs and for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export async function startApp(
  env: Record<string, string>,
  opts: { waitReady?: boolean; timeoutMs?: number; port?: number; nodeArgs?: string[] } = {},
): Promise<RunningApp> {
  const port = opts.port ?? (await freePort());
  const child = spawn(
    process.execPath,
    [
      ...SERVER_NODE_FLAGS,
      ...(opts.nodeArgs ?? []),
      path.join(ROOT, "node_modules/next/dist/bin/next"),
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    {
      cwd: ROOT,
      env: serverEnv({
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        NODE_ENV: "production",
        LOG_LEVEL: "warn",
        ...env,
      }),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const app: RunningApp = {
    url,
    port,
    process: child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  const probe = opts.waitReady === false ? "/healthz" : "/readyz";
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(url + probe);
      if (res.ok) return app;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await app.stop();
      throw new Error(`app did not become ready in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs the app expecting it to exit (bad configuration); returns exit code and output. */
export async function runAppExpectingExit(
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", NODE_ENV: "production", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output: out });
    });
  });
}
