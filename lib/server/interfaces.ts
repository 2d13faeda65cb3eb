// The process-wide module-interface service (issue 15), built from the configuration on first use
// and kept on globalThis like the runtime (route handlers and pages are bundled separately).

import "server-only";
import path from "node:path";
import { isLoopback } from "../config";
import { ArchiveSource } from "../interface/archive-source";
import { ExtractPool } from "../interface/extract-pool";
import { InterfaceService } from "../interface/service";
import { ClientCredentialsToken, FileToken, type TokenProvider } from "../interface/token";
import { ValkeyInterfaceCache } from "../interface/valkey-cache";
import { processShared } from "../process-shared";
import type { Runtime } from "./runtime";

/** extract-worker.mjs is loaded by Node itself, from the app's directory (see next.config.ts). */
export const EXTRACT_WORKER_PATH = path.join(process.cwd(), "lib", "interface", "extract-worker.mjs");

function tokenProvider(runtime: Runtime): TokenProvider | undefined {
  const a = runtime.config.archives;
  if (a.tokenFile !== undefined) return new FileToken(a.tokenFile);
  if (a.clientCredentials) {
    const issuer = new URL(a.clientCredentials.issuer);
    return new ClientCredentialsToken({
      issuer,
      clientId: a.clientCredentials.clientId,
      clientSecret: a.clientCredentials.clientSecret,
      allowInsecure: issuer.protocol === "http:" && isLoopback(issuer.hostname),
    });
  }
  return undefined;
}

export function interfaceService(runtime: Runtime): InterfaceService {
  return processShared("server/interfaces", () => createInterfaceService(runtime));
}

function createInterfaceService(runtime: Runtime): InterfaceService {
  const a = runtime.config.archives;
  const token = tokenProvider(runtime);
  const source = new ArchiveSource({
    ...(a.root !== undefined ? { archiveRoot: a.root } : {}),
    ...(a.serverUrl ? { serverUrl: a.serverUrl } : {}),
    ...(token ? { token } : {}),
    maxBytes: a.maxArchiveBytes,
  });
  const valkey = runtime.config.valkey;
  return new InterfaceService({
    pool: new ExtractPool({ workerPath: EXTRACT_WORKER_PATH }),
    source,
    limits: a,
    cacheBytes: a.cacheBytes,
    logger: runtime.logger,
    ...(valkey
      ? {
          shared: new ValkeyInterfaceCache({
            url: valkey.url,
            ...(valkey.password !== undefined ? { password: valkey.password } : {}),
          }),
        }
      : {}),
  });
}
