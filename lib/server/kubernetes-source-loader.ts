// The Kubernetes source, loaded only when REGISTRY_SOURCE=kubernetes: importing
// @kubernetes/client-node keeps about 14 MiB of its source text in the heap for the life of the
// process, which a server reading a folder should not pay (issue 14, README "Memory").

import "server-only";
import type { Config } from "../config";
import type { Logger } from "../log";
import type { Snapshot } from "../registry/snapshot";
import type { RegistrySource } from "../registry/sources/types";
import { metrics } from "./metrics";

async function loadKubernetesSource(config: Config, logger: Logger): Promise<RegistrySource> {
  const [{ KubeConfig }, { preparedKubeConfig }, { KubernetesSource }] = await Promise.all([
    import("@kubernetes/client-node"),
    import("../registry/sources/kube-config"),
    import("../registry/sources/kubernetes-source"),
  ]);
  const kc = new KubeConfig();
  if (config.inCluster) kc.loadFromCluster();
  else kc.loadFromDefault(); // KUBECONFIG, else ~/.kube/config
  const prepared = preparedKubeConfig(kc);
  if (prepared.plainHttpServer) {
    logger.warn(
      "Kubernetes API server uses plain http (as kubectl proxy does): requests are not encrypted; TLS settings do not apply",
      { server: prepared.plainHttpServer },
    );
  }
  return new KubernetesSource({
    kubeConfig: prepared.kubeConfig,
    namespaces: config.watchNamespaces,
    bindingsNamespace: config.opendepotNamespace,
    logger,
    onRestart: (kind) => metrics().watchRestarts.inc({ kind }),
  });
}

/** The Kubernetes source behind a dynamic import; it answers as one that has not synced until loaded. */
export class LazyKubernetesSource implements RegistrySource {
  readonly kind = "kubernetes" as const;
  private inner?: RegistrySource;
  private stopped = false;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
  ) {}

  async start(onSnapshot: (snapshot: Snapshot) => void): Promise<void> {
    const inner = await loadKubernetesSource(this.config, this.logger);
    if (this.stopped) return;
    this.inner = inner;
    return inner.start(onSnapshot);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.inner?.stop();
  }

  diagnostics(): Record<string, unknown> {
    return this.inner?.diagnostics() ?? { loading: true };
  }

  readConfigMap(namespace: string, name: string, key: string): Promise<string | undefined> {
    return this.inner ? this.inner.readConfigMap(namespace, name, key) : Promise.resolve(undefined);
  }
}
