// A real redis-server (Debian's; the protocol is Valkey's) on 127.0.0.1 and a free port.

import { spawn, type ChildProcess } from "node:child_process";
import { Valkey } from "iovalkey";
import { freePort } from "./free-port";

export interface RunningRedis {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export async function startRedis(port?: number): Promise<RunningRedis> {
  const p = port ?? (await freePort());
  const child = spawn(
    "redis-server",
    ["--port", String(p), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${p}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Valkey(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch {
      probe.disconnect();
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error("redis-server did not start (apt-get install -y redis-server)");
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    port: p,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Writes one download the way OpenDepot's server does (docs/browse-api.md §7.1). */
export async function recordDownload(
  client: Valkey,
  ns: string,
  kind: string,
  name: string,
  version: string,
  lastAt: string,
  times = 1,
): Promise<void> {
  const day = lastAt.slice(0, 10);
  for (let i = 0; i < times; i++) {
    await client
      .multi()
      .incr("stats:total")
      .incr(`stats:ns:${ns}`)
      .hincrby(`stats:resource:${ns}:${kind}:${name}`, "count", 1)
      .hset(`stats:resource:${ns}:${kind}:${name}`, "lastAt", lastAt)
      .hincrby(`stats:version:${ns}:${kind}:${name}:${version}`, "count", 1)
      .hset(`stats:version:${ns}:${kind}:${name}:${version}`, "lastAt", lastAt)
      .zincrby("stats:leaderboard:global", 1, `${ns}/${kind}/${name}/${version}`)
      .zincrby(`stats:leaderboard:${ns}`, 1, `${ns}/${kind}/${name}/${version}`)
      .incr(`stats:day:${day}:${ns}:${kind}:${name}:${version}`)
      .exec();
  }
}
