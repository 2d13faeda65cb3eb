// Interfaces shared between replicas through Valkey: one GET/SET EX per archive. Fails fast while
// Valkey is down (no offline queue, short timeouts); the service then works from memory alone.

import { Valkey } from "iovalkey";
import type { SharedCache } from "./service";

export interface ValkeyInterfaceCacheOptions {
  readonly url: string;
  readonly password?: string;
  readonly commandTimeoutMs?: number;
}

export class ValkeyInterfaceCache implements SharedCache {
  private readonly client: Valkey;
  private connecting: Promise<void> | undefined;

  constructor(options: ValkeyInterfaceCacheOptions) {
    this.client = new Valkey(options.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: 1000,
      commandTimeout: options.commandTimeoutMs ?? 1000,
      retryStrategy: (times) => Math.min(200 * times, 2000),
      ...(options.password !== undefined ? { password: options.password } : {}),
    });
    this.client.on("error", () => {}); // reported per command by the caller
  }

  private async ready(): Promise<void> {
    if (this.client.status === "ready") return;
    if (this.client.status === "wait" || this.client.status === "end") {
      this.connecting ??= this.client.connect().finally(() => (this.connecting = undefined));
    }
    if (this.connecting) await this.connecting;
  }

  async get(key: string): Promise<string | undefined> {
    await this.ready();
    return (await this.client.get(key)) ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.ready();
    await this.client.set(key, value, "EX", ttlSeconds);
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
